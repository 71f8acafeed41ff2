//go:build !unix

package output

import "os"

// sysFile is an os.File where files cannot be opened with Unix system
// calls (see sysfile_unix.go).
type sysFile struct{ *os.File }

func createFile(name string) (*sysFile, error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	return &sysFile{f}, nil
}

func openFile(name string) (*sysFile, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	return &sysFile{f}, nil
}

func (f *sysFile) regularSize() (int64, bool) {
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return 0, false
	}
	return fi.Size(), true
}

func statRegular(name string) (int64, bool) {
	fi, err := os.Stat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return 0, false
	}
	return fi.Size(), true
}
