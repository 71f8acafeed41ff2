package content

// For the tests of package content_test, which may import packages that
// import content (gen).
var (
	LoadResolved = loadResolved
	SameLoaded   = sameLoaded
)

func (l loaded) Pages() []*Page { return l.pages }
