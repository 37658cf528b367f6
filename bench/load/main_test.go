package main

import (
	"strings"
	"testing"
	"time"
)

func TestParseFlagsLoopbackOnly(t *testing.T) {
	base := []string{"-email", "a@b.c", "-password", "x", "-path", "/o/demo/"}
	for _, u := range []string{"http://127.0.0.1:8080", "http://[::1]:8080", "http://127.0.0.2:1"} {
		if _, err := parseFlags(append([]string{"-url", u}, base...)); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
	for _, u := range []string{"http://localhost:8080", "http://10.0.0.1:80", "http://example.com", "https://127.0.0.1:1", "ftp://127.0.0.1"} {
		if _, err := parseFlags(append([]string{"-url", u}, base...)); err == nil {
			t.Errorf("%s accepted", u)
		}
	}
}

func TestParseFlagsBounds(t *testing.T) {
	base := []string{"-url", "http://127.0.0.1:1", "-email", "a@b.c", "-password", "x", "-path", "/"}
	for _, bad := range [][]string{{"-c", "0"}, {"-c", "1001"}, {"-d", "11m"}, {"-d", "0s"}, {"-n", "-1"}, {"-n", "10000001"},
		{"-sessions", "2", "-c", "1"}, {"-rate", "-1"}, {"-timeout", "0s"}} {
		if _, err := parseFlags(append(append([]string{}, base...), bad...)); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	if _, err := parseFlags([]string{"-url", "http://127.0.0.1:1", "-path", "/"}); err == nil || !strings.Contains(err.Error(), "password") {
		t.Errorf("no credentials: %v", err)
	}
}

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	for p, want := range map[float64]time.Duration{50: 50, 90: 90, 99: 99, 100: 100} {
		if got := pct(d, p); got != want*time.Millisecond {
			t.Errorf("p%v = %v, want %vms", p, got, want)
		}
	}
	if got := pct(d[:1], 99); got != time.Millisecond {
		t.Errorf("one sample: %v", got)
	}
}
