package gen

import (
	"math/rand/v2"
	"time"

	"labo/internal/referential"
)

// usageGen writes usage records (filled in once the indicators format lands).
type usageGen struct {
	rnd    *rand.Rand
	date   time.Time
	ref    *referential.Referential
	venues []*genVenue
}

func (g *usageGen) write(w *writer, n int) error { return nil }
