package indicator

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// millionRecords builds 1,000,000 usage records: 40 actions of 25,000
// cheques each, over 96 départements, about 5 cheques per person.
func millionRecords(tb testing.TB) (*Usages, []*Action, *Definitions) {
	defs, ref := demoDefinitions(tb)
	rng := rand.New(rand.NewPCG(1, 2))
	u := &Usages{VenueTypes: []string{"ASSO", "CCAS", "CS", "EPN", "FS", "MAIRIE", "MEDIATHEQUE", "TIERS_LIEUX"}}
	for i := 1; i <= 96; i++ {
		u.Depts = append(u.Depts, fmt.Sprintf("%02d", i))
	}
	for _, f := range ref.Families {
		u.Families = append(u.Families, f.Code)
	}
	for _, s := range ref.Services {
		u.Services = append(u.Services, s.Code)
	}
	var actions []*Action
	for i := range 40 {
		a := &Action{Slug: fmt.Sprintf("action-%02d", i), Definitions: defs.Generic()}
		if i%4 == 0 {
			for _, d := range defs.List {
				if d.Scope == Specific {
					a.Definitions = append(a.Definitions, d)
				}
			}
		}
		actions = append(actions, a)
		u.Actions = append(u.Actions, a.Slug)
	}
	u.Records = make([]Record, 0, 1_000_000)
	for len(u.Records) < 1_000_000 {
		ai := int16(len(u.Records) / 25_000)
		p := int32(len(u.People))
		dept := int16((int(ai)*3 + rng.IntN(4)) % 96)
		u.People = append(u.People, Person{Dept: dept, Age: int8(rng.IntN(len(AgeBands))), Sex: int8(rng.IntN(2)), Diploma: int8(rng.IntN(len(Diplomas)))})
		month := int16(300 + rng.IntN(18))
		dist := int8(rng.IntN(len(Distributors)))
		for range 1 + rng.IntN(9) {
			r := Record{Person: p, Action: ai, Given: month, Service: -1, VenueType: -1, Family: -1, Distributor: dist}
			if rng.IntN(10) < 7 {
				r.Used = true
				r.UsedOn = month + int16(rng.IntN(3))
				r.Service = int16(rng.IntN(len(u.Services)))
				r.Family = int8(slices.Index(u.Families, ref.Service(u.Services[r.Service]).Family))
				r.VenueType = int16(rng.IntN(len(u.VenueTypes)))
				r.First = rng.IntN(3) != 0
			}
			u.Records = append(u.Records, r)
		}
	}
	u.Records = u.Records[:1_000_000]
	return u, actions, defs
}

// cpuTime is the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCompute1M aggregates, protects and publishes the demo indicators
// over a million records. It reports the peak heap in use during one run
// (sampled every millisecond) beside the usual figures.
func BenchmarkCompute1M(b *testing.B) {
	u, actions, defs := millionRecords(b)
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
				runtime.ReadMemStats(&m)
				if m.HeapInuse > peak.Load() {
					peak.Store(m.HeapInuse)
				}
			}
		}
	}()
	b.ReportAllocs()
	b.ResetTimer()
	var res *Results
	cpu0 := cpuTime()
	for b.Loop() {
		res = Compute(u, defs, actions, 11)
	}
	cpu := cpuTime() - cpu0
	b.StopTimer()
	// CPU time per run, beside wall time: on a shared machine the wall time
	// also counts the waits for a core.
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	close(stop)
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(base.HeapInuse)/(1<<20), "records-heap-MB")
	if res.Cells == 0 {
		b.Fatal("no cells")
	}
}
