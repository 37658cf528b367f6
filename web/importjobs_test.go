package web

import (
	"testing"
	"time"

	"hasap/auth"
	"hasap/ledger"
)

// TestImportJobsForgetAndBound: a finished job is forgotten importJobKeep
// after it ended; at most maxImportJobs are kept, the oldest finished
// going first; running jobs are never dropped, and when all the places are
// theirs a new job is refused.
func TestImportJobsForgetAndBound(t *testing.T) {
	clock := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	js := newImportJobs(nil, nil, func() time.Time { return clock })
	finish := func(j *importJob) {
		j.mu.Lock()
		j.done, j.finished = true, clock
		j.mu.Unlock()
	}
	const user, org = auth.UserID(7), ledger.OrgID(3)

	first := &importJob{user: user, org: org}
	if !js.add(first) || len(first.id) != 32 {
		t.Fatalf("add: id %q", first.id)
	}
	if js.get(first.id, user, org) != first {
		t.Fatal("a running job is not found by its owner")
	}
	if js.get(first.id, user+1, org) != nil || js.get(first.id, user, org+1) != nil {
		t.Fatal("a job is found by another user or under another organisation")
	}
	finish(first)
	clock = clock.Add(importJobKeep - time.Minute)
	if js.get(first.id, user, org) == nil {
		t.Fatal("a finished job is forgotten too soon")
	}
	clock = clock.Add(2 * time.Minute)
	if js.get(first.id, user, org) != nil {
		t.Fatal("a finished job is kept longer than importJobKeep")
	}

	// Fill every place: the oldest finished job makes room for a new one.
	var jobs []*importJob
	for i := range maxImportJobs {
		j := &importJob{user: user, org: ledger.OrgID(100 + i)}
		if !js.add(j) {
			t.Fatalf("add %d refused", i)
		}
		jobs = append(jobs, j)
	}
	finish(jobs[5])
	clock = clock.Add(time.Second)
	finish(jobs[9])
	extra := &importJob{user: user, org: 1}
	if !js.add(extra) {
		t.Fatal("a new job is refused although a finished one could go")
	}
	if js.get(jobs[5].id, user, jobs[5].org) != nil || js.get(jobs[9].id, user, jobs[9].org) == nil {
		t.Fatal("not the oldest finished job was dropped")
	}
	// Now only running jobs and one finished: the finished one goes, then
	// nothing can.
	if !js.add(&importJob{user: user, org: 2}) {
		t.Fatal("refused while a finished job could go")
	}
	if js.add(&importJob{user: user, org: 3}) {
		t.Fatal("a job was added over maxImportJobs running ones")
	}
	if n := len(js.byID); n != maxImportJobs {
		t.Fatalf("%d jobs kept, want %d", n, maxImportJobs)
	}
}

// TestImportUploadPath: only an organisation's import page gets the large
// body limit.
func TestImportUploadPath(t *testing.T) {
	for path, want := range map[string]bool{
		"/o/demo/import": true, "/o/a-b/import": true,
		"/o/demo/import/": false, "/o/demo/import/x": false, "/o//import": false,
		"/o/demo/entries/new": false, "/import": false, "/x/demo/import": false,
	} {
		if got := isImportUpload(path); got != want {
			t.Errorf("isImportUpload(%q) = %v, want %v", path, got, want)
		}
	}
}
