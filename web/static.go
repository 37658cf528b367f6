package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
)

//go:embed static/hasap.css static/htmx.min.js
var staticFS embed.FS

// asset is a static file, compressed once at start-up.
type asset struct {
	body, gz    []byte
	contentType string
	hash        string // of the content: the ?v= of its address
}

type assets struct{ byName map[string]*asset }

func mustLoadAssets() *assets {
	a := &assets{byName: map[string]*asset{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		sum := sha256.Sum256(body)
		ct := mime.TypeByExtension(path.Ext(p))
		if ct == "" {
			ct = "application/octet-stream"
		}
		a.byName[path.Base(p)] = &asset{body: body, gz: gz.Bytes(), contentType: ct, hash: hex.EncodeToString(sum[:6])}
		return nil
	})
	if err != nil {
		panic(err)
	}
	return a
}

// url is the address of a static file. It carries a hash of the content,
// so that browsers may keep the file for a year and still see a new one
// the moment it changes.
func (a *assets) url(name string) string {
	f := a.byName[name]
	if f == nil {
		return "/static/" + name
	}
	return "/static/" + name + "?v=" + f.hash
}

// static serves a static file, gzip-compressed for clients that take it.
func (s *server) static(w http.ResponseWriter, r *http.Request) {
	f := s.assets.byName[r.PathValue("name")]
	if f == nil {
		s.notFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	if r.URL.Query().Get("v") == f.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	etag := `"` + f.hash + `"`
	h.Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := f.body
	if acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = f.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
