package keeper

import (
	"context"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// checkViolationIndexes is the invariant of the violations-by-time index:
// its entries are exactly the (recording time, key) of the stored violations.
// It reads every violation and every index entry.
func (k *Keeper) checkViolationIndexes(ctx context.Context) error {
	type flat struct {
		t     int64
		owner string
		id    uint64
	}
	wantFlat := map[flat]bool{}
	if err := k.Violations().Walk(ctx, nil, func(key ViolationKey, v types.Violation) (bool, error) {
		wantFlat[flat{ViolationTimeKey(v.Time), string(key.K1()), key.K2()}] = true
		return false, nil
	}); err != nil {
		return err
	}
	n := 0
	if err := k.Violations().Indexes.Time.Walk(ctx, nil, func(t int64, key ViolationKey) (bool, error) {
		n++
		if !wantFlat[flat{t, string(key.K1()), key.K2()}] {
			return true, types.ErrInvariantBroken.Wrapf("violations_by_time holds (%d, %s, %d): no stored violation %d of %s recorded at that time",
				t, k.addrString(key.K1()), key.K2(), key.K2(), k.addrString(key.K1()))
		}
		return false, nil
	}); err != nil {
		return err
	}
	if n != len(wantFlat) {
		return types.ErrInvariantBroken.Wrapf("violations_by_time holds %d entries; %d violations are stored", n, len(wantFlat))
	}
	return nil
}
