package app

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"hasap/auth"
	"hasap/ledger"
	"hasap/store"
)

// VerifyResult summarises an intact chain.
type VerifyResult struct {
	Org      string
	Entries  int64
	Postings int64
	Head     ledger.Hash
	Totals   int
	Days     int
	Corr     int
	Years    int
	Months   int
	// Settlements is the number of kept settlement states (settlestates.go)
	// worked out again and found equal.
	Settlements int
}

// String is the one-line summary `hasap verify` prints.
func (r VerifyResult) String() string {
	return fmt.Sprintf("ok: %s: %d entries, %d postings, chain head %s, %d totals rows (summed in %d year rows and %d account month rows), %d day rows, %d correspondence rows and %d settlement states match the postings",
		r.Org, r.Entries, r.Postings, r.Head, r.Totals, r.Years, r.Months, r.Days, r.Corr, r.Settlements)
}

// Verify recomputes the organisation's hash chain and every total from its
// postings within one consistent snapshot. It returns an ETampered error
// naming the first difference. With a checkpoint it also proves that the
// chain still runs through the checkpoint's head.
//
// Every verification is audited, the failed ones above all.
func (a *App) Verify(ctx context.Context, actor Actor, orgCode string, cp *Checkpoint) (VerifyResult, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.VerifyBooks)
	if err != nil {
		return VerifyResult{}, err
	}
	res, err := a.verify(ctx, org, cp)
	detail := "ok: " + fmt.Sprintf("%d entries, chain head %s", res.Entries, res.Head)
	if err != nil {
		detail = "FAILED: " + err.Error()
	}
	if cp != nil {
		detail += fmt.Sprintf("; against checkpoint seq %d of %s", cp.Seq, cp.Time.UTC().Format(time.RFC3339))
	}
	if aerr := a.audit(ctx, actor, org.ID, ActVerify, detail); err == nil {
		err = aerr
	}
	return res, err
}

func (a *App) verify(ctx context.Context, org ledger.Org, cp *Checkpoint) (VerifyResult, error) {
	res := VerifyResult{Org: org.Code}
	v := ledger.NewVerifier(org.ID)
	if cp != nil {
		if err := a.checkSignature(cp, org.Code); err != nil {
			return res, err
		}
		v.ExpectCheckpoint(cp.Seq, cp.head)
	}
	err := a.Store.Snapshot(ctx, func(r store.Reader) error {
		if err := r.ScanEntries(ctx, org.ID, 1, v.Add); err != nil {
			return err
		}
		head, err := r.Head(ctx, org.ID)
		if err != nil {
			return err
		}
		if err := v.CheckHead(head.Seq, head.Hash, head.Years); err != nil {
			return err
		}
		totals, err := r.Totals(ctx, org.ID)
		if err != nil {
			return err
		}
		if err := v.CheckTotals(totals); err != nil {
			return err
		}
		days, err := r.DayTotals(ctx, org.ID)
		if err != nil {
			return err
		}
		if err := v.CheckDayTotals(days); err != nil {
			return err
		}
		corr, err := r.CorrTotals(ctx, org.ID)
		if err != nil {
			return err
		}
		res.Totals, res.Days, res.Corr = len(totals), len(days), len(corr)
		if err := v.CheckCorrTotals(corr); err != nil {
			return err
		}
		years, err := r.YearTotals(ctx, org.ID)
		if err != nil {
			return err
		}
		if err := v.CheckYearTotals(years); err != nil {
			return err
		}
		months, err := r.AccountMonths(ctx, org.ID)
		if err != nil {
			return err
		}
		res.Years, res.Months = len(years), len(months)
		return v.CheckAccountMonths(months)
	})
	if err != nil {
		return res, err
	}
	res.Entries, res.Postings, res.Head = v.Seq(), v.Postings, v.Head()
	res.Settlements, err = a.verifySettlementStates(ctx, org)
	return res, err
}

// Checkpoint is a signed statement of an organisation's chain head at a
// time: whoever keeps it can later prove the books up to Seq are unchanged.
type Checkpoint struct {
	Org       string    `json:"org"`
	Seq       int64     `json:"seq"`
	Head      string    `json:"head"`
	Time      time.Time `json:"time"`
	PublicKey string    `json:"public_key"`
	Signature string    `json:"signature"`
	head      ledger.Hash
}

func (c *Checkpoint) message() []byte {
	return []byte(strings.Join([]string{"hasap-checkpoint-v1", c.Org, strconv.FormatInt(c.Seq, 10), c.Head, c.Time.UTC().Format(time.RFC3339Nano)}, "\n"))
}

// MakeCheckpoint verifies the books, then signs their current head. A
// failed verification is audited as one.
func (a *App) MakeCheckpoint(ctx context.Context, actor Actor, orgCode string) (*Checkpoint, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.VerifyBooks)
	if err != nil {
		return nil, err
	}
	res, err := a.verify(ctx, org, nil)
	if err != nil {
		return nil, errors.Join(err, a.audit(ctx, actor, org.ID, ActVerify, "FAILED: "+err.Error()))
	}
	key, err := a.signingKey(true)
	if err != nil {
		return nil, err
	}
	cp := &Checkpoint{Org: res.Org, Seq: res.Entries, Head: res.Head.String(), Time: a.Now().UTC().Truncate(time.Second),
		PublicKey: base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey))}
	cp.Signature = base64.StdEncoding.EncodeToString(ed25519.Sign(key, cp.message()))
	cp.head = res.Head
	return cp, a.audit(ctx, actor, org.ID, ActCheckpoint, fmt.Sprintf("seq %d, head %s", cp.Seq, cp.Head))
}

// ParseCheckpoint reads a checkpoint file's JSON.
func ParseCheckpoint(b []byte) (*Checkpoint, error) {
	var cp Checkpoint
	if err := json.Unmarshal(b, &cp); err != nil {
		return nil, ledger.Errorf(ledger.EInvalid, "not a checkpoint file: %v", err)
	}
	h, err := ledger.ParseHash(cp.Head)
	if err != nil {
		return nil, err
	}
	cp.head = h
	return &cp, nil
}

// checkSignature accepts a checkpoint only if it is signed by this
// installation's key and names the organisation being verified.
func (a *App) checkSignature(cp *Checkpoint, org string) error {
	if cp.Org != org {
		return ledger.Errorf(ledger.EInvalid, "the checkpoint is for organisation %s, not %s", cp.Org, org)
	}
	pub, err := base64.StdEncoding.DecodeString(cp.PublicKey)
	sig, err2 := base64.StdEncoding.DecodeString(cp.Signature)
	if err != nil || err2 != nil || len(pub) != ed25519.PublicKeySize || !ed25519.Verify(pub, cp.message(), sig) {
		return ledger.Errorf(ledger.ETampered, "the checkpoint's signature is not valid: the file was altered")
	}
	key, err := a.signingKey(false)
	if err != nil {
		return err
	}
	if !key.Public().(ed25519.PublicKey).Equal(ed25519.PublicKey(pub)) {
		return ledger.Errorf(ledger.ETampered, "the checkpoint was signed by another key than this installation's")
	}
	return nil
}

// signingKey loads the ed25519 key beside the data, creating it when asked.
func (a *App) signingKey(create bool) (ed25519.PrivateKey, error) {
	b, err := os.ReadFile(a.KeyPath)
	if err == nil {
		seed, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
		if err != nil || len(seed) != ed25519.SeedSize {
			return nil, fmt.Errorf("checkpoint key %s is damaged", a.KeyPath)
		}
		return ed25519.NewKeyFromSeed(seed), nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("checkpoint key: %w", err)
	}
	if !create {
		return nil, ledger.Errorf(ledger.ENotFound, "no checkpoint key at %s: this installation has signed no checkpoints", a.KeyPath)
	}
	seed := make([]byte, ed25519.SeedSize)
	if _, err := rand.Read(seed); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(a.KeyPath), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(a.KeyPath, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) { // another process made it first
			return a.signingKey(false)
		}
		return nil, err
	}
	defer f.Close()
	if _, err := f.WriteString(base64.StdEncoding.EncodeToString(seed) + "\n"); err != nil {
		return nil, err
	}
	if err := f.Sync(); err != nil {
		return nil, err
	}
	return ed25519.NewKeyFromSeed(seed), nil
}
