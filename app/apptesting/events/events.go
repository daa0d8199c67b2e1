// Package events reads the events a test's context collected. It imports
// nothing of the app, so module tests under x/ can use it.
package events

import (
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Types lists the type of every event emitted on ctx, in order.
func Types(ctx sdk.Context) []string {
	var out []string
	for _, e := range ctx.EventManager().Events() {
		out = append(out, e.Type)
	}
	return out
}

// Typed returns the typed events of type T emitted on ctx, in order.
func Typed[T any, PT interface {
	*T
	proto.Message
}](ctx sdk.Context) []T {
	var out []T
	for _, ev := range ctx.EventManager().Events() {
		msg, err := sdk.ParseTypedEvent(abci.Event(ev))
		if err != nil {
			continue
		}
		if typed, ok := msg.(PT); ok {
			out = append(out, *typed)
		}
	}
	return out
}
