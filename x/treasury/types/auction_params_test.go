package types_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// The auction params: period 0 (off) or >= 1s, increment <= 10000 bps.
func TestAuctionParamsValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		period time.Duration
		bps    uint32
		want   string
	}{
		{"defaults 7 days and 1%", types.DefaultAuctionPeriod, types.DefaultMinBidIncrementBps, ""},
		{"off", 0, 100, ""},
		{"one second", time.Second, 10000, ""},
		{"below one second", time.Second - 1, 100, "auction_period 999.999999ms must be 0 (auctions off) or at least 1s"},
		{"negative", -time.Second, 100, "auction_period -1s must be 0"},
		{"increment above 100%", time.Hour, 10001, "min_bid_increment_bps 10001 must be <= 10000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := types.DefaultParams()
			p.AuctionPeriod, p.MinBidIncrementBps = tc.period, tc.bps
			p.AuctionExtension = 0
			err := p.Validate()
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, types.ErrInvalidParams)
			require.Contains(t, err.Error(), tc.want)
		})
	}
	require.Equal(t, 7*24*time.Hour, types.DefaultParams().AuctionPeriod)
	require.Equal(t, uint32(100), types.DefaultParams().MinBidIncrementBps)
}

// auction_extension (soft close): 0 (off) or >= 1s; the default is 10 minutes.
func TestAuctionExtensionValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		ext  time.Duration
		want string
	}{
		{"default 10 minutes", types.DefaultAuctionExtension, ""},
		{"off", 0, ""},
		{"one second", time.Second, ""},
		{"below one second", time.Millisecond, "auction_extension 1ms must be 0 (soft close off) or at least 1s"},
		{"negative", -time.Minute, "auction_extension -1m0s must be 0 (soft close off) or at least 1s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := types.DefaultParams()
			p.AuctionExtension = tc.ext
			err := p.Validate()
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, types.ErrInvalidParams)
			require.ErrorContains(t, err, tc.want)
		})
	}
	require.Equal(t, 10*time.Minute, types.DefaultParams().AuctionExtension)
}
