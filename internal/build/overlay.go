package build

import (
	"errors"
	"io/fs"
	"slices"
)

// overlay is a read-only file system where files of top hide files of the
// same path in base; directories are merged.
type overlay struct {
	base, top fs.FS // top may be nil
}

func (o overlay) Open(name string) (fs.File, error) {
	if o.top != nil {
		if f, err := o.top.Open(name); err == nil {
			if fi, err := f.Stat(); err == nil && !fi.IsDir() {
				return f, nil
			}
			f.Close()
		}
	}
	return o.base.Open(name)
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	var errs []error
	for _, fsys := range []fs.FS{o.base, o.top} {
		if fsys == nil {
			continue
		}
		entries, err := fs.ReadDir(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, e := range entries {
			seen[e.Name()] = e
		}
	}
	if len(seen) == 0 && len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return compare(a.Name(), b.Name()) })
	return out, nil
}
