// Package exehash hashes the running executable, once per process. Caches
// that outlive a process (the render manifest, the parse cache) include it
// in their keys: a labo built from other code may render or parse the same
// input differently, and its own bytes are the one version that is right
// for `go build`, `go run` and `go test` binaries alike.
package exehash

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"sync"
)

// Sum returns the hex SHA-256 of the running executable, or "" when it
// cannot be read (then nothing may be reused). It is computed on the first
// call (about 15 ms for a 23 MB binary) and remembered.
var Sum = sync.OnceValue(func() string {
	name, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
})
