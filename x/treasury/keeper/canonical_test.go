package keeper_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// A bid that reaches the handler without the ante handler's check (a direct
// keeper call, a simulation) is stored under the canonical spelling of its
// bidder (SPEC 2), so the refund and the lot go to one identity.
func TestBidStoresCanonicalBidder(t *testing.T) {
	// ARRANGE
	f := auctionFixture(t)
	f.begin(t, t0)
	_, alice := f.newAccount(t, 1, sdk.NewInt64Coin(xmtp, 5000))

	// ACT
	require.NoError(t, f.bid(strings.ToUpper(alice), 1000))

	// ASSERT
	require.Equal(t, alice, f.openAuction(t).HighestBidder)
}
