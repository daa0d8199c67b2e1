package app

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
)

// AddGenesisBalance adds coins to addr's entry in a bank genesis, creating
// the entry only when the address has none, so an address never has two
// entries (the node would keep one and lose the other). The listed supply,
// when there is one, grows by the same coins.
func AddGenesisBalance(bank *banktypes.GenesisState, addr string, coins sdk.Coins) {
	if coins.IsZero() {
		return
	}
	if !bank.Supply.Empty() {
		bank.Supply = bank.Supply.Add(coins...)
	}
	for i := range bank.Balances {
		if bank.Balances[i].Address == addr {
			bank.Balances[i].Coins = bank.Balances[i].Coins.Add(coins...)
			return
		}
	}
	bank.Balances = banktypes.SanitizeGenesisBalances(append(bank.Balances, banktypes.Balance{Address: addr, Coins: coins}))
}
