package storetest

import (
	"context"
	"fmt"

	"hasap/ledger"
	"hasap/store"
)

// Checkpoint is an exported chain head (seq and hash) that an auditor keeps
// to prove later that the books up to it are unchanged.
type Checkpoint struct {
	Seq  int64
	Hash ledger.Hash
}

// Verify checks an organisation's books the way `hasap verify` does: in one
// snapshot it feeds every entry to a ledger.Verifier in chain order, then
// compares the recorded head, the monthly totals, the day totals, the
// correspondence totals, the year totals and the account months with what
// the entries give. It returns the first difference (ETampered) or nil.
func Verify(ctx context.Context, s store.Store, org ledger.OrgID) error {
	return verify(ctx, s, org, nil)
}

// VerifyCheckpoint is Verify that also requires the chain to pass through cp.
func VerifyCheckpoint(ctx context.Context, s store.Store, org ledger.OrgID, cp Checkpoint) error {
	return verify(ctx, s, org, &cp)
}

func verify(ctx context.Context, s store.Store, org ledger.OrgID, cp *Checkpoint) error {
	return s.Snapshot(ctx, func(r store.Reader) error {
		v := ledger.NewVerifier(org)
		if cp != nil {
			v.ExpectCheckpoint(cp.Seq, cp.Hash)
		}
		if err := r.ScanEntries(ctx, org, 1, v.Add); err != nil {
			return err
		}
		h, err := r.Head(ctx, org)
		if err != nil {
			return fmt.Errorf("verify: head: %w", err)
		}
		if err := v.CheckHead(h.Seq, h.Hash, h.Years); err != nil {
			return err
		}
		rows, err := r.Totals(ctx, org)
		if err != nil {
			return fmt.Errorf("verify: totals: %w", err)
		}
		if err := v.CheckTotals(rows); err != nil {
			return err
		}
		days, err := r.DayTotals(ctx, org)
		if err != nil {
			return fmt.Errorf("verify: day totals: %w", err)
		}
		if err := v.CheckDayTotals(days); err != nil {
			return err
		}
		corr, err := r.CorrTotals(ctx, org)
		if err != nil {
			return fmt.Errorf("verify: correspondence totals: %w", err)
		}
		if err := v.CheckCorrTotals(corr); err != nil {
			return err
		}
		years, err := r.YearTotals(ctx, org)
		if err != nil {
			return fmt.Errorf("verify: year totals: %w", err)
		}
		if err := v.CheckYearTotals(years); err != nil {
			return err
		}
		months, err := r.AccountMonths(ctx, org)
		if err != nil {
			return fmt.Errorf("verify: account month totals: %w", err)
		}
		return v.CheckAccountMonths(months)
	})
}
