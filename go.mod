module labo

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/gocarina/gocsv v0.0.0-20240520201108-78e41c74b4b1
	github.com/paulmach/orb v0.14.0
	golang.org/x/text v0.43.0
)

require github.com/yuin/goldmark v1.8.7 // indirect
