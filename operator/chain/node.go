package chain

import (
	"context"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	rpchttp "github.com/cometbft/cometbft/rpc/client/http"
	cmttypes "github.com/cometbft/cometbft/types"
	"google.golang.org/grpc"
	"google.golang.org/grpc/backoff"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/encoding"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// NodeOptions configure a Node client.
type NodeOptions struct {
	RPC, GRPC, ChainID string
	Keyring            keyring.Keyring
	KeyName            string
	FeeGranter         string
	Fees               string
	GasAdjustment      float64
}

// Node is the Client over a node's CometBFT RPC (status, broadcast) and gRPC
// (queries, simulation, tx lookup). Both reconnect by themselves: the RPC
// client dials per request, the gRPC connection redials when the node is back.
type Node struct {
	cctx   client.Context
	txf    tx.Factory
	rpc    *rpchttp.HTTP
	conn   *grpc.ClientConn
	ns     nstypes.QueryClient
	txs    txtypes.ServiceClient
	signer sdk.AccAddress
}

// NewNode connects lazily (no request is sent) and checks the key exists.
func NewNode(base client.Context, o NodeOptions) (*Node, error) {
	rpc, err := client.NewClientFromNode(o.RPC)
	if err != nil {
		return nil, fmt.Errorf("node_rpc %s: %w", o.RPC, err)
	}
	// A node that restarts is redialled within seconds (gRPC's default backoff grows to 2 minutes).
	reconnect := grpc.ConnectParams{Backoff: backoff.Config{BaseDelay: 500 * time.Millisecond, Multiplier: 1.6, Jitter: 0.2, MaxDelay: 5 * time.Second},
		MinConnectTimeout: 5 * time.Second}
	conn, err := grpc.NewClient(o.GRPC, grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithConnectParams(reconnect),
		grpc.WithDefaultCallOptions(grpc.ForceCodec(codecFor(base))))
	if err != nil {
		return nil, fmt.Errorf("node_grpc %s: %w", o.GRPC, err)
	}
	rec, err := o.Keyring.Key(o.KeyName)
	if err != nil {
		return nil, fmt.Errorf("signer_key %q: %w", o.KeyName, err)
	}
	addr, err := rec.GetAddress()
	if err != nil {
		return nil, err
	}
	cctx := base.WithClient(rpc).WithGRPCClient(conn).WithChainID(o.ChainID).WithKeyring(o.Keyring).
		WithFromName(o.KeyName).WithFromAddress(addr).WithBroadcastMode("sync").WithSkipConfirmation(true)
	txf := tx.Factory{}.WithChainID(o.ChainID).WithKeybase(o.Keyring).WithTxConfig(base.TxConfig).
		WithAccountRetriever(base.AccountRetriever).WithFromName(o.KeyName).WithGasAdjustment(o.GasAdjustment).
		WithFees(o.Fees)
	if o.FeeGranter != "" {
		g, err := sdk.AccAddressFromBech32(o.FeeGranter)
		if err != nil {
			return nil, fmt.Errorf("fee_granter %q: %w", o.FeeGranter, err)
		}
		txf = txf.WithFeeGranter(g)
		cctx = cctx.WithFeeGranterAddress(g)
	}
	return &Node{cctx: cctx, txf: txf, rpc: rpc, conn: conn, ns: nstypes.NewQueryClient(conn),
		txs: txtypes.NewServiceClient(conn), signer: addr}, nil
}

// NodeSelection is x/nodeselection's query client over the node's gRPC
// connection (the node registry reads Query/Nodes through it).
func (n *Node) NodeSelection() nstypes.QueryClient { return n.ns }

// Close closes the gRPC connection.
func (n *Node) Close() error { return n.conn.Close() }

// Signer is the signing address.
func (n *Node) Signer() string { return n.signer.String() }

// Height is the latest committed height.
func (n *Node) Height(ctx context.Context) (int64, error) {
	st, err := n.rpc.Status(ctx)
	if err != nil {
		return 0, err
	}
	return st.SyncInfo.LatestBlockHeight, nil
}

// ActiveSet is Query/ActiveSet.
func (n *Node) ActiveSet(ctx context.Context) (*nstypes.QueryActiveSetResponse, error) {
	return n.ns.ActiveSet(ctx, &nstypes.QueryActiveSetRequest{})
}

// Endpoint is the operator's registered endpoint.
func (n *Node) Endpoint(ctx context.Context, owner string) (string, error) {
	res, err := n.ns.Operator(ctx, &nstypes.QueryOperatorRequest{Owner: owner})
	if err != nil {
		return "", err
	}
	return res.Operator.Endpoint, nil
}

func (n *Node) prepared() (tx.Factory, error) {
	return n.txf.Prepare(n.cctx)
}

// Check simulates the attestation.
func (n *Node) Check(ctx context.Context, msg *nstypes.MsgSubmitAttestation) error {
	txf, err := n.prepared()
	if err != nil {
		return err
	}
	_, _, err = tx.CalculateGas(n.cctx.WithCmdContext(ctx), txf, msg)
	if err != nil {
		if v := Classify("", 0, err.Error()); v != nil {
			return fmt.Errorf("%w: %s", v, err)
		}
	}
	return err
}

// Sign builds and signs the attestation with simulated gas.
func (n *Node) Sign(ctx context.Context, msg *nstypes.MsgSubmitAttestation, timeoutHeight int64) (Signed, error) {
	txf, err := n.prepared()
	if err != nil {
		return Signed{}, err
	}
	_, gas, err := tx.CalculateGas(n.cctx.WithCmdContext(ctx), txf, msg)
	if err != nil {
		if v := Classify("", 0, err.Error()); v != nil {
			return Signed{}, fmt.Errorf("%w: %s", v, err)
		}
		return Signed{}, err
	}
	txf = txf.WithGas(gas).WithTimeoutHeight(uint64(timeoutHeight))
	b, err := txf.BuildUnsignedTx(msg)
	if err != nil {
		return Signed{}, err
	}
	if err := tx.Sign(ctx, txf, txf.FromName(), b, true); err != nil {
		return Signed{}, err
	}
	bz, err := n.cctx.TxConfig.TxEncoder()(b.GetTx())
	if err != nil {
		return Signed{}, err
	}
	return Signed{Hash: strings.ToUpper(hex.EncodeToString(cmttypes.Tx(bz).Hash())), Bytes: bz}, nil
}

// Broadcast sends the transaction and returns CheckTx's verdict.
func (n *Node) Broadcast(ctx context.Context, t Signed) error {
	res, err := n.cctx.WithCmdContext(ctx).BroadcastTxSync(t.Bytes)
	if err != nil {
		return err
	}
	if res.Code != 0 {
		if v := Classify(res.Codespace, res.Code, res.RawLog); v != nil {
			return fmt.Errorf("%w: %s", v, res.RawLog)
		}
		return fmt.Errorf("CheckTx code %d (%s): %s", res.Code, res.Codespace, res.RawLog)
	}
	return nil
}

// Tx looks a transaction up.
func (n *Node) Tx(ctx context.Context, hash string) (TxStatus, error) {
	res, err := n.txs.GetTx(ctx, &txtypes.GetTxRequest{Hash: hash})
	if err != nil {
		if strings.Contains(err.Error(), "not found") {
			return TxStatus{}, nil
		}
		return TxStatus{}, err
	}
	r := res.TxResponse
	return TxStatus{Found: true, Height: r.Height, Code: r.Code, Log: r.RawLog}, nil
}

// codecFor is the gRPC codec that (un)marshals the gogoproto types of the app.
func codecFor(base client.Context) encoding.Codec {
	return codec.NewProtoCodec(base.InterfaceRegistry).GRPCCodec()
}
