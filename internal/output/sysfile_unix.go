//go:build unix

package output

import (
	"io"
	"io/fs"
	"syscall"
)

// Files are opened with system calls rather than with package os: an
// os.File registers itself with the runtime's network poller (an epoll_ctl
// that fails for a regular file, and fcntl calls), five system calls of
// the eight that writing one page costs. A first build of a national site
// writes 53,000 files, on a machine where a system call costs about a
// microsecond (docs/benchmarks.md, "Writing files").
type sysFile struct {
	fd   int
	name string
}

// maxRW is the most a read or write asks for at once (as package os
// does): some systems refuse counts above 2³¹−1.
const maxRW = 1 << 30

// createFile creates or truncates name for writing.
func createFile(name string) (*sysFile, error) {
	return openSys(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC, "open")
}

// openFile opens name for reading.
func openFile(name string) (*sysFile, error) {
	return openSys(name, syscall.O_RDONLY, "open")
}

func openSys(name string, flags int, op string) (*sysFile, error) {
	for {
		fd, err := syscall.Open(name, flags|syscall.O_CLOEXEC, 0o644)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: op, Path: name, Err: err}
		}
		return &sysFile{fd: fd, name: name}, nil
	}
}

func (f *sysFile) Write(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		m, err := syscall.Write(f.fd, p[n:min(len(p), n+maxRW)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return n, &fs.PathError{Op: "write", Path: f.name, Err: err}
		}
		if m == 0 {
			return n, io.ErrShortWrite
		}
		n += m
	}
	return n, nil
}

func (f *sysFile) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	p = p[:min(len(p), maxRW)]
	for {
		n, err := syscall.Read(f.fd, p)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, &fs.PathError{Op: "read", Path: f.name, Err: err}
		}
		if n == 0 {
			return 0, io.EOF
		}
		return n, nil
	}
}

// regularSize returns the size of a regular file, ok false for anything
// else or when it cannot be known.
func (f *sysFile) regularSize() (size int64, ok bool) {
	var st syscall.Stat_t
	for {
		err := syscall.Fstat(f.fd, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG {
			return 0, false
		}
		return st.Size, true
	}
}

func (f *sysFile) Close() error {
	if err := syscall.Close(f.fd); err != nil && err != syscall.EINTR {
		return &fs.PathError{Op: "close", Path: f.name, Err: err}
	}
	return nil
}

// statRegular returns the size of the regular file name, ok false for
// anything else (os.Stat without its FileInfo, for the tens of thousands
// of files a build keeps).
func statRegular(name string) (size int64, ok bool) {
	var st syscall.Stat_t
	for {
		err := syscall.Stat(name, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG {
			return 0, false
		}
		return st.Size, true
	}
}
