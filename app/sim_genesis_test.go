package app_test

import (
	"encoding/json"
	"hash/fnv"
	"math/rand"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/xmtp/xmtpd-chain/app"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// simGenesisFixups wires the random module geneses together, as a real
// genesis file would be: the operator NFTs in x/nft (plus NFTs for about a
// quarter of the other accounts, so that registrations happen during the run),
// the operators' stake in the escrow account, USDC balances for every account
// and the bank metadata x/rewards requires for its reward denom.
func simGenesisFixups(cdc codec.JSONCodec) func(map[string]json.RawMessage) {
	return func(raw map[string]json.RawMessage) {
		var ns nstypes.GenesisState
		cdc.MustUnmarshalJSON(raw[nstypes.ModuleName], &ns)
		var bank banktypes.GenesisState
		cdc.MustUnmarshalJSON(raw[banktypes.ModuleName], &bank)

		h := fnv.New64a()
		_, _ = h.Write(raw[nstypes.ModuleName])
		r := rand.New(rand.NewSource(int64(h.Sum64() >> 1)))

		blocked := app.BlockedAddresses()
		blocked[authtypes.NewModuleAddress("not_bonded_tokens_pool").String()] = true
		gen := nft.GenesisState{Classes: []*nft.Class{{Id: nstypes.NFTClassID, Name: "XMTP Node Operator"}}}
		holders := map[string]bool{}
		escrow := math.ZeroInt()
		for _, op := range ns.Operators {
			gen.Entries = append(gen.Entries, &nft.Entry{Owner: op.Owner, Nfts: []*nft.NFT{{ClassId: nstypes.NFTClassID, Id: op.NftId}}})
			holders[op.Owner] = true
			escrow = escrow.Add(op.Stake)
		}
		added := sdk.NewCoins()
		for i := range bank.Balances {
			b := &bank.Balances[i]
			if blocked[b.Address] {
				continue
			}
			usdc := sdk.NewCoin(app.RewardDenom, math.NewInt(1_000_000_000+r.Int63n(1_000_000_000_000)))
			b.Coins = b.Coins.Add(usdc)
			added = added.Add(usdc)
			if !holders[b.Address] && r.Intn(4) == 0 {
				id := nstypes.NFTIDPrefix + math.NewIntFromUint64(ns.NextNftSeq).String()
				ns.NextNftSeq++
				gen.Entries = append(gen.Entries, &nft.Entry{Owner: b.Address, Nfts: []*nft.NFT{{ClassId: nstypes.NFTClassID, Id: id}}})
			}
		}
		if escrow.IsPositive() {
			c := sdk.NewCoin(ns.Params.BondDenom, escrow)
			bank.Balances = append(bank.Balances, banktypes.Balance{
				Address: authtypes.NewModuleAddress(nstypes.ModuleName).String(), Coins: sdk.NewCoins(c),
			})
			added = added.Add(c)
		}
		if !bank.Supply.Empty() {
			bank.Supply = bank.Supply.Add(added...)
		}
		for _, m := range app.DenomMetadata() {
			if m.Base == app.RewardDenom {
				bank.DenomMetadata = append(bank.DenomMetadata, m)
			}
		}
		raw[nstypes.ModuleName] = cdc.MustMarshalJSON(&ns)
		raw[banktypes.ModuleName] = cdc.MustMarshalJSON(&bank)
		raw[nft.ModuleName] = cdc.MustMarshalJSON(&gen)
	}
}
