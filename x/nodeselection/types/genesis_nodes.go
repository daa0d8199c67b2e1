package types

import "encoding/hex"

// validateNodeIdentities checks the node registry fields of the genesis
// operators (docs/protocol.md, node registry): monikers valid and unique
// (types.MonikerKey), keys valid compressed secp256k1 keys held by one
// operator each (in force or pending), and a pending key only beside a key
// in force, with its effective cycle. Proofs are not part of the state: a
// genesis key is taken as given.
func validateNodeIdentities(ops []Operator) error {
	monikers := map[string]string{}
	keys := map[string]string{}
	for _, op := range ops {
		if op.Moniker != "" {
			if err := ValidateMoniker(op.Moniker); err != nil {
				return ErrInvalidGenesis.Wrapf("operator %s: %s", op.Owner, err)
			}
			mk := MonikerKey(op.Moniker)
			if other, dup := monikers[mk]; dup {
				return ErrInvalidGenesis.Wrapf("operators %s and %s have the same moniker %q", other, op.Owner, op.Moniker)
			}
			monikers[mk] = op.Owner
		}
		for _, k := range []struct {
			name string
			key  []byte
		}{{"signing_public_key", op.SigningPublicKey}, {"pending_signing_public_key", op.PendingSigningPublicKey}} {
			if len(k.key) == 0 {
				continue
			}
			if err := ValidateNodeKey(k.key); err != nil {
				return ErrInvalidGenesis.Wrapf("operator %s: %s: %s", op.Owner, k.name, err)
			}
			h := hex.EncodeToString(k.key)
			if other, dup := keys[h]; dup {
				return ErrInvalidGenesis.Wrapf("operators %s and %s both hold node key %s", other, op.Owner, h)
			}
			keys[h] = op.Owner
		}
		pending := len(op.PendingSigningPublicKey) > 0
		if pending && len(op.SigningPublicKey) == 0 {
			return ErrInvalidGenesis.Wrapf("operator %s: pending_signing_public_key without a signing_public_key in force", op.Owner)
		}
		if pending != (op.EffectiveCycle > 0) {
			return ErrInvalidGenesis.Wrapf("operator %s: effective_cycle %d must be set exactly when a pending_signing_public_key is", op.Owner, op.EffectiveCycle)
		}
	}
	return nil
}
