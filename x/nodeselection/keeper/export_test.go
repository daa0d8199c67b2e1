package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"time"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// NewSourceForTest returns the store-backed rotation source used by
// BeginBlocker and Schedule, so tests can check its queue cache.
func NewSourceForTest(ctx context.Context, k *Keeper, params types.Params, now time.Time) types.RotationSource {
	return k.newSource(ctx, params, now)
}

// ScheduleUncached recomputes the schedule without the stored one.
func (k *Keeper) ScheduleUncached(ctx context.Context, n uint32) (*types.QueryScheduleResponse, error) {
	return k.schedule(ctx, n)
}

// AttestMembersForTest is the raw attestation index, for tests that corrupt
// it or remove it as a version-2 store had none.
func AttestMembersForTest(k *Keeper) collections.KeySet[DutyKey] { return k.attestMembers }

// AttestableCycleForTest is the raw attestable cycle (see AttestMembersForTest).
func AttestableCycleForTest(k *Keeper) collections.Item[uint64] { return k.attestable }

// ScheduleReadAhead replays n cycles reading readAhead queue entries ahead.
func (k *Keeper) ScheduleReadAhead(ctx context.Context, n uint32, readAhead int) (*types.QueryScheduleResponse, error) {
	return k.replaySchedule(ctx, n, readAhead)
}
