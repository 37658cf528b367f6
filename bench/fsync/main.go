// Command fsync measures what one durable write costs on this disk: N times,
// write 4 KiB and fdatasync, in a scratch file under -dir (default: bench/ of
// the repository, else the current directory), and print p50, p90, p99, max.
// A commit with SQLite's synchronous=FULL in WAL mode needs at least one such
// flush (the WAL), PostgreSQL's synchronous_commit=on one of its WAL; this is
// the floor under one posting's latency.
//
//	go run ./bench/fsync [-n 500] [-size 4096] [-dir DIR] [-mode append|overwrite]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 500, "writes")
	size := flag.Int("size", 4096, "bytes per write")
	dir := flag.String("dir", "", "directory of the scratch file (default bench/, else .)")
	mode := flag.String("mode", "append", "append: each write extends the file (like a WAL); overwrite: always the same block")
	full := flag.Bool("fsync", false, "fsync instead of fdatasync")
	flag.Parse()
	if *dir == "" {
		*dir = "."
		if fi, err := os.Stat("bench/fsync"); err == nil && fi.IsDir() {
			*dir = "bench"
		}
	}
	f, err := os.CreateTemp(*dir, "fsync-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	buf := make([]byte, *size)
	for i := range buf {
		buf[i] = byte(i * 7)
	}
	lat := make([]time.Duration, *n)
	start := time.Now()
	for i := 0; i < *n; i++ {
		off := int64(i) * int64(*size)
		if *mode == "overwrite" {
			off = 0
		}
		buf[0] = byte(i)
		t0 := time.Now()
		if _, err := f.WriteAt(buf, off); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if *full {
			err = f.Sync()
		} else {
			err = syscall.Fdatasync(int(f.Fd()))
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		lat[i] = time.Since(t0)
	}
	elapsed := time.Since(start)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	q := func(p float64) string {
		i := int(p*float64(len(lat))+0.5) - 1
		if i < 0 {
			i = 0
		}
		return fmt.Sprintf("%.2f", float64(lat[i])/1e6)
	}
	call := "fdatasync"
	if *full {
		call = "fsync"
	}
	abs, _ := filepath.Abs(*dir)
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Printf("%d × (write %d B, %s), %s, in %s; load average %s\n", *n, *size, call, *mode, abs, strings.Join(strings.Fields(string(load))[:3], " "))
	fmt.Printf("latency ms: p50 %s  p90 %s  p99 %s  max %s  min %.2f; %.0f syncs/s\n", q(0.5), q(0.9), q(0.99), fmt.Sprintf("%.2f", float64(lat[len(lat)-1])/1e6), float64(lat[0])/1e6, float64(*n)/elapsed.Seconds())
	fmt.Printf("| %s %s | %d | %s | %s | %s | %.2f |\n", call, *mode, *n, q(0.5), q(0.9), q(0.99), float64(lat[len(lat)-1])/1e6)
}
