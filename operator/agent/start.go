package agent

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/operator/chain"
	"github.com/xmtp/xmtpd-chain/operator/config"
	"github.com/xmtp/xmtpd-chain/registry"
)

// Start validates cfg, opens the keyring, connects to the node and runs the
// agent until ctx ends. base carries the app's codecs.
func Start(ctx context.Context, base client.Context, cfg config.Config, log *slog.Logger) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	kr, err := keyring.New(sdk.KeyringServiceName(), cfg.KeyringBackend, cfg.KeyringDir, os.Stdin, base.Codec)
	if err != nil {
		return fmt.Errorf("keyring %s in %s: %w", cfg.KeyringBackend, cfg.KeyringDir, err)
	}
	node, err := chain.NewNode(base, chain.NodeOptions{
		RPC: cfg.NodeRPC, GRPC: cfg.NodeGRPC, ChainID: cfg.ChainID, Keyring: kr, KeyName: cfg.SignerKey,
		FeeGranter: cfg.FeeGranter, Fees: cfg.Fees, GasAdjustment: cfg.GasAdjustment,
	})
	if err != nil {
		return err
	}
	defer node.Close()
	owner := cfg.Operator
	if owner == "" {
		owner = node.Signer()
	}
	if _, err := sdk.AccAddressFromBech32(owner); err != nil {
		return fmt.Errorf("operator %q: %w", owner, err)
	}
	a, err := New(cfg, owner, node, log)
	if err != nil {
		return err
	}
	a.UseRegistry(&registry.ChainSource{Query: node.NodeSelection(), RPC: cfg.NodeRPC}, registry.Options{})
	return a.Run(ctx)
}
