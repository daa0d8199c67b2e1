package keeper

import (
	"context"
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

// ScheduleReadAhead replays n cycles reading readAhead queue entries ahead.
func (k *Keeper) ScheduleReadAhead(ctx context.Context, n uint32, readAhead int) (*types.QueryScheduleResponse, error) {
	return k.replaySchedule(ctx, n, readAhead)
}
