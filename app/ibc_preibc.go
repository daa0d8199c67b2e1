//go:build preibc

package app

import (
	"github.com/cosmos/cosmos-sdk/codec"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
)

// This file builds the release before IBC (`-tags preibc`): the system test
// starts a network with it and adds IBC by the software upgrade (app/upgrades/v3.go).

// IBCKeepers is empty before IBC.
type IBCKeepers struct{}

func ibcStoreKeys() []string      { return nil }
func ibcBeginBlockers() []string  { return nil }
func ibcGenesisModules() []string { return nil }

func (app *XmtpApp) wireIBC(codec.Codec, map[string]*storetypes.KVStoreKey, string) []module.AppModule {
	return nil
}

func (app *XmtpApp) ibcAnteHandler() sdk.AnteHandler { return nil }
