package bankstmt

import (
	"errors"
	"io"
)

// LimitReader reads at most N bytes of R, for the statement readers' size
// limits. It keeps the error of the reader underneath (ReadErr) apart from
// the decoder's, and says when the limit stopped the reading (TooBig), so
// that a reader can tell "the file is too large" and "the disk failed" from
// "line 12 is wrong".
type LimitReader struct {
	R       io.Reader
	N       int64 // bytes left
	TooBig  bool
	ReadErr error
}

func (l *LimitReader) Read(p []byte) (int, error) {
	if l.N <= 0 {
		l.TooBig = true
		return 0, errors.New("too large")
	}
	if int64(len(p)) > l.N {
		p = p[:l.N]
	}
	n, err := l.R.Read(p)
	l.N -= int64(n)
	if err != nil && err != io.EOF {
		l.ReadErr = err
	}
	return n, err
}
