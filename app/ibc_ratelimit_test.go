//go:build !preibc

package app_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	ratelimittypes "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/types"
	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/app/apptesting"
)

// A chain's exported genesis passes `genesis validate` whatever the hour of
// day it was born at and whether or not its first hour epoch has rolled
// over (the rate-limiting module refuses an hour epoch with a number and no
// start height, and numbers a new chain's first epoch by the hour of day).
func TestExportedRateLimitEpochValidates(t *testing.T) {
	for _, tc := range []struct {
		genesis time.Time
		run     time.Duration // block time elapsed before the export
	}{
		{time.Date(2026, 12, 2, 0, 10, 0, 0, time.UTC), time.Minute},
		{time.Date(2026, 12, 2, 1, 11, 0, 0, time.UTC), time.Minute},
		{time.Date(2026, 12, 2, 17, 30, 0, 0, time.UTC), 2 * time.Hour},
	} {
		t.Run(fmt.Sprintf("%s+%s", tc.genesis.Format("15:04"), tc.run), func(t *testing.T) {
			ta := apptesting.Setup(t, apptesting.Config{GenesisTime: tc.genesis})
			ta.AdvanceTo(tc.genesis.Add(tc.run), 10*time.Minute)

			exported, err := ta.ExportAppStateAndValidators(false, nil, nil)
			require.NoError(t, err)
			var state map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(exported.AppState, &state))
			var gs ratelimittypes.GenesisState
			ta.AppCodec().MustUnmarshalJSON(state[ratelimittypes.ModuleName], &gs)
			require.Equal(t, uint64(tc.genesis.Add(tc.run).Hour()), gs.HourEpoch.EpochNumber, "epoch number = hour of the last epoch start")
			require.Positive(t, gs.HourEpoch.EpochStartHeight, "a started hour epoch has a start height")

			require.NoError(t, ta.BasicModuleManager.ValidateGenesis(ta.AppCodec(), ta.TxConfig(), state))
		})
	}
}
