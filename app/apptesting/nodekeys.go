package apptesting

import (
	"encoding/json"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// NodeKey is a deterministic XMTP node signing key of owner; seeds give
// further keys (rotations).
func NodeKey(owner sdk.AccAddress, seed ...byte) *secp256k1.PrivKey {
	return secp256k1.GenPrivKeyFromSecret(append(append([]byte("apptesting-node-key/"), owner...), seed...))
}

// giveNodeKeys gives every genesis operator its NodeKey, so the genesis
// operators can be seated with require_node_key (the default).
func giveNodeKeys(cdc codec.JSONCodec, state map[string]json.RawMessage) error {
	var gs nstypes.GenesisState
	if err := cdc.UnmarshalJSON(state[nstypes.ModuleName], &gs); err != nil {
		return err
	}
	for i, op := range gs.Operators {
		owner, err := sdk.AccAddressFromBech32(op.Owner)
		if err != nil {
			return err
		}
		gs.Operators[i].SigningPublicKey = NodeKey(owner).PubKey().Bytes()
	}
	bz, err := cdc.MarshalJSON(&gs)
	state[nstypes.ModuleName] = bz
	return err
}
