//go:build load

// Command load drives a running xmtpd network on loopback (make testnet) and
// prints the figures of docs/benchmarks.md "Load (bench-load)":
//
//  1. throughput of operator transactions (MsgRegisterOperator, then
//     MsgAddStake) against plain bank sends, same senders, same node, same
//     count, as a ratio;
//  2. gRPC latency p50/p99 of Query/ActiveSet, Query/Schedule and rewards
//     Query/Earnings against bank Query/Balance under concurrent load.
//
// It is bounded in count (--owners x --txs-per-owner transactions per kind,
// --queries per query kind) and in time (--timeout). Every account it
// creates is a fresh in-memory key funded by node0's validator key.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/app"
)

func main() {
	home := flag.String("home", ".testnet/node0", "home of node0 (its test keyring holds validator, admin, payer, op1..)")
	rpc := flag.String("rpc", "http://127.0.0.1:36657", "CometBFT RPC of the node under load")
	grpcAddr := flag.String("grpc", "127.0.0.1:36659", "gRPC address of the node under load")
	chainID := flag.String("chain-id", "xmtp-testnet-1", "chain id")
	owners := flag.Int("owners", 20, "fresh operator owners (each registers with min_stake, funded by node0's validator)")
	perOwner := flag.Int("txs-per-owner", 10, "transactions per owner and kind (bank: sends; operator: 1 register + N-1 add-stake)")
	queries := flag.Int("queries", 2000, "requests per query kind")
	workers := flag.Int("concurrency", 8, "concurrent gRPC clients")
	timeout := flag.Duration("timeout", 5*time.Minute, "overall time bound")
	flag.Parse()

	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	if err := run(ctx, config{
		home: *home, rpc: *rpc, grpc: *grpcAddr, chainID: *chainID,
		owners: *owners, perOwner: *perOwner, queries: *queries, workers: *workers,
	}); err != nil {
		fmt.Fprintln(os.Stderr, "bench-load:", err)
		os.Exit(1)
	}
}

type config struct {
	home, rpc, grpc, chainID           string
	owners, perOwner, queries, workers int
}

// env is what every phase needs: codecs, keyrings and connections.
type env struct {
	cfg  config
	enc  app.EncodingConfig
	kr   keyring.Keyring // node0's test keyring
	mem  keyring.Keyring // throw-away owner keys
	conn *grpc.ClientConn
}

func run(ctx context.Context, cfg config) error {
	app.SetConfig()
	enc := app.MakeEncodingConfig()
	home, err := filepath.Abs(cfg.home)
	if err != nil {
		return err
	}
	kr, err := keyring.New(sdk.KeyringServiceName(), keyring.BackendTest, home, nil, enc.Codec)
	if err != nil {
		return err
	}
	conn, err := grpc.NewClient(cfg.grpc, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.ForceCodec(codec.NewProtoCodec(enc.InterfaceRegistry).GRPCCodec())))
	if err != nil {
		return err
	}
	defer conn.Close()
	e := &env{cfg: cfg, enc: enc, kr: kr, mem: keyring.NewInMemory(enc.Codec), conn: conn}

	fmt.Printf("bench-load: %d owners x %d txs per kind, %d queries per kind, %d concurrent clients, node %s\n",
		cfg.owners, cfg.perOwner, cfg.queries, cfg.workers, cfg.rpc)
	txs, err := e.txPhase(ctx)
	if err != nil {
		return err
	}
	qs, err := e.queryPhase(ctx)
	if err != nil {
		return err
	}
	fmt.Println()
	fmt.Print(txs)
	fmt.Print(qs)
	return nil
}
