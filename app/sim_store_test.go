package app_test

import (
	"bytes"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	authzkeeper "github.com/cosmos/cosmos-sdk/x/authz/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	"github.com/cosmos/cosmos-sdk/x/feegrant"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// storeNames are the stores compared after export and import: every store
// whose state is exported. The xmtpd modules are compared in full.
func storeNames() []string {
	return []string{
		authtypes.StoreKey, banktypes.StoreKey, stakingtypes.StoreKey, slashingtypes.StoreKey,
		distrtypes.StoreKey, govtypes.StoreKey, authz.ModuleName, feegrant.StoreKey, nft.StoreKey,
		nstypes.StoreKey, rewardstypes.StoreKey, treasurytypes.StoreKey,
	}
}

// skipPrefixes are the SDK's own prefixes that are rebuilt, not exported
// (the same list the SDK's import/export test skips). Nothing is skipped in
// the xmtpd stores.
var skipPrefixes = map[string][][]byte{
	stakingtypes.StoreKey: {
		stakingtypes.UnbondingQueueKey, stakingtypes.RedelegationQueueKey, stakingtypes.ValidatorQueueKey,
		stakingtypes.HistoricalInfoKey, stakingtypes.UnbondingIDKey, stakingtypes.UnbondingIndexKey,
		stakingtypes.UnbondingTypeKey, stakingtypes.ValidatorUpdatesKey,
	},
	authz.ModuleName: {authzkeeper.GrantQueuePrefix},
}

func initChainReq(exp servertypes.ExportedApp) *abci.RequestInitChain {
	return &abci.RequestInitChain{AppStateBytes: exp.AppState, ChainId: "simulation-app"}
}

// kvPairs lists a store's entries, leaving out the skipped prefixes.
func kvPairs(s storetypes.KVStore, skip [][]byte) [][2][]byte {
	var out [][2][]byte
	it := s.Iterator(nil, nil)
	defer it.Close()
next:
	for ; it.Valid(); it.Next() {
		for _, p := range skip {
			if bytes.HasPrefix(it.Key(), p) {
				continue next
			}
		}
		out = append(out, [2][]byte{append([]byte(nil), it.Key()...), append([]byte(nil), it.Value()...)})
	}
	return out
}
