package web

// SetImportLimit lowers the upload limit of the import page for a test,
// and returns what puts it back.
func SetImportLimit(n int64) (restore func()) {
	importLimitForTest.Store(n)
	return func() { importLimitForTest.Store(0) }
}

// SetImportProgressHook makes every running import call h with its
// progress reports (h may block, to look at a running import), and returns
// what removes it.
func SetImportProgressHook(h func(lines, txns int)) (restore func()) {
	importProgressHook.Store(&h)
	return func() { importProgressHook.Store(nil) }
}

// ImportProgressEvery is how many transactions an import reports after.
const ImportProgressEvery = importProgressEvery
