package sqldb

import (
	"testing"

	"hasap/ledger"
)

func TestEncodeRoundTrip(t *testing.T) {
	cases := []struct{ d, k ledger.Side }{
		{},
		{d: ledger.Side{Currency: "USD", CurAmount: 10000}},
		{d: ledger.Side{Qty: 1500}, k: ledger.Side{Currency: "EUR", CurAmount: -5, Qty: -2}},
		{d: ledger.Side{Analytics: [3]ledger.AnalyticID{12, 7, 3}}, k: ledger.Side{Analytics: [3]ledger.AnalyticID{9}}},
	}
	for _, c := range cases {
		det, _ := encodeDetail(&c.d, &c.k).(string)
		var d, k ledger.Side
		if err := decodeDetail(det, &d, &k); err != nil {
			t.Fatal(err)
		}
		da, _ := encodeAnalytics(c.d.Analytics).(string)
		ka, _ := encodeAnalytics(c.k.Analytics).(string)
		var err error
		if d.Analytics, err = decodeAnalytics(da); err != nil {
			t.Fatal(err)
		}
		if k.Analytics, err = decodeAnalytics(ka); err != nil {
			t.Fatal(err)
		}
		if d != c.d || k != c.k {
			t.Fatalf("round trip of %+v %+v gave %+v %+v", c.d, c.k, d, k)
		}
	}
	if encodeDetail(&ledger.Side{}, &ledger.Side{}) != nil || encodeAnalytics([3]ledger.AnalyticID{}) != nil {
		t.Fatal("empty details must be NULL")
	}
}

func TestDecodeRejectsMalformed(t *testing.T) {
	for _, s := range []string{"x", "dc=XXX", "da=1.5", "da=+5", "da=05", "zz=1", "dq", "dc=usd", "1,2,3,4", "a", "-1"} {
		var d, k ledger.Side
		errD := decodeDetail(s, &d, &k)
		_, errA := decodeAnalytics(s)
		if errD == nil && errA == nil {
			t.Errorf("%q was accepted by both decoders", s)
		}
		if errD != nil && !ledger.IsCode(errD, ledger.ETampered) {
			t.Errorf("%q: %v is not ETampered", s, errD)
		}
	}
}

// FuzzDecode: the decoders never panic, and what they accept encodes back
// to a form that decodes to the same value.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{"", "dc=USD;da=10000", "dq=1500;kc=EUR;ka=-5;kq=-2", "12,7,3", "9", "da=", ";;", "dc=USD;dc=EUR"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var d, k ledger.Side
		if err := decodeDetail(s, &d, &k); err == nil {
			again, _ := encodeDetail(&d, &k).(string)
			var d2, k2 ledger.Side
			if err := decodeDetail(again, &d2, &k2); err != nil || d2 != d || k2 != k {
				t.Fatalf("%q → %+v %+v → %q → %+v %+v (%v)", s, d, k, again, d2, k2, err)
			}
		}
		if a, err := decodeAnalytics(s); err == nil {
			again, _ := encodeAnalytics(a).(string)
			if b, err := decodeAnalytics(again); err != nil || b != a {
				t.Fatalf("%q → %v → %q → %v (%v)", s, a, again, b, err)
			}
		}
	})
}
