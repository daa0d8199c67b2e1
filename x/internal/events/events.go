// Package events holds what the xmtpd modules share to emit their events.
package events

import (
	"context"

	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Emit emits a typed event on the SDK context of ctx. The event is the one
// sdk.TypedEventToEvent builds (type, attributes sorted by name, each the
// proto3 JSON of its field); for an event whose fields are all scalars and
// timestamps it is built by a per-type plan (fast.go) instead of the SDK's
// JSON marshal and re-parse, which cost ~30% of a MsgFundRewardPool handler
// (docs/benchmarks.md, throughput).
func Emit(ctx context.Context, ev proto.Message) error {
	em := sdk.UnwrapSDKContext(ctx).EventManager()
	if e, ok := fastEvent(ev); ok {
		em.EmitEvent(e)
		return nil
	}
	return em.EmitTypedEvent(ev)
}
