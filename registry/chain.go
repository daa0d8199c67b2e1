package registry

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	jsonrpcclient "github.com/cometbft/cometbft/rpc/jsonrpc/client"
	"github.com/cosmos/cosmos-sdk/types/query"
	"google.golang.org/grpc"
	grpcbackoff "google.golang.org/grpc/backoff"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// heightHeader is the gRPC metadata in which a Cosmos SDK node reports (and
// accepts) the height of a query.
const heightHeader = "x-cosmos-block-height"

// pageSize is the number of nodes asked per Query/Nodes page.
const pageSize = 200

// ChainSource reads the list with x/nodeselection's Query/Nodes over gRPC
// and follows CometBFT's events over the RPC websocket.
type ChainSource struct {
	// Query is x/nodeselection's gRPC query client.
	Query nstypes.QueryClient
	// RPC is the node's CometBFT RPC address (tcp://host:26657, http(s)://…).
	RPC string
}

// Nodes reads every page of Query/Nodes at one height: the first answer's
// height is asked for the following pages.
func (c *ChainSource) Nodes(ctx context.Context) (Snapshot, error) {
	var snap Snapshot
	var key []byte
	for {
		var hdr metadata.MD
		qctx := ctx
		if snap.Height > 0 {
			qctx = metadata.AppendToOutgoingContext(ctx, heightHeader, strconv.FormatInt(snap.Height, 10))
		}
		res, err := c.Query.Nodes(qctx, &nstypes.QueryNodesRequest{Pagination: &query.PageRequest{Key: key, Limit: pageSize}},
			grpc.Header(&hdr))
		if err != nil {
			return Snapshot{}, fmt.Errorf("Query/Nodes: %w", err)
		}
		if snap.Height == 0 {
			if h := hdr.Get(heightHeader); len(h) > 0 {
				snap.Height, _ = strconv.ParseInt(h[0], 10, 64)
			}
		}
		snap.Cycle = res.Cycle
		for _, n := range res.Nodes {
			snap.Nodes = append(snap.Nodes, FromChain(n))
		}
		if res.Pagination == nil || len(res.Pagination.NextKey) == 0 {
			return snap, nil
		}
		key = res.Pagination.NextKey
	}
}

// The two subscriptions: every block's own events (boundaries, rotations
// taking effect, jailing) and every transaction (registrations, key and
// address changes, also when wrapped in authz or an authority exec).
const (
	blockQuery = "tm.event='NewBlockEvents'"
	txQuery    = "tm.event='Tx'"
)

// Subscribe opens a websocket, subscribes to blocks and transactions and
// returns once both are acknowledged. The websocket client's own
// reconnection is cut to one attempt; when it gives up or reconnects (the
// subscriptions do not survive it) the channel closes and the Registry
// connects again with its own backoff.
func (c *ChainSource) Subscribe(ctx context.Context) (<-chan Notice, error) {
	reconnected := make(chan struct{}, 1)
	ws, err := jsonrpcclient.NewWS(c.RPC, "/websocket", jsonrpcclient.MaxReconnectAttempts(0),
		jsonrpcclient.PingPeriod(10*time.Second), jsonrpcclient.ReadWait(30*time.Second), jsonrpcclient.WriteWait(10*time.Second),
		jsonrpcclient.OnReconnect(func() {
			select {
			case reconnected <- struct{}{}:
			default:
			}
		}))
	if err != nil {
		return nil, fmt.Errorf("rpc %s: %w", c.RPC, err)
	}
	if err := ws.Start(); err != nil {
		return nil, fmt.Errorf("rpc %s websocket: %w", c.RPC, err)
	}
	stop := func() {
		if ws.IsRunning() {
			_ = ws.Stop()
		}
	}
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	for _, q := range []string{blockQuery, txQuery} {
		if err := ws.Subscribe(sctx, q); err != nil {
			stop()
			return nil, fmt.Errorf("subscribe %q: %w", q, err)
		}
	}
	out := make(chan Notice, 64)
	acked := make(chan error, 1)
	go func() {
		acks := 0
		defer func() {
			stop()
			close(out)
			if acks < 2 {
				select {
				case acked <- errors.New("connection closed before the subscriptions were acknowledged"):
				default:
				}
			}
		}()
		for {
			select {
			case <-ctx.Done():
				return
			case <-reconnected:
				return
			case resp, ok := <-ws.ResponsesCh:
				if !ok {
					return
				}
				if resp.Error != nil {
					if acks < 2 {
						acked <- resp.Error
						acks = 2 // reported
					}
					return
				}
				n, isEvent, err := decodeEvent(resp.Result)
				if err != nil {
					continue // not ours to understand; the poll covers it
				}
				if !isEvent {
					if acks++; acks == 2 {
						acked <- nil
					}
					continue
				}
				select {
				case out <- n:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	select {
	case err := <-acked:
		if err != nil {
			cancel()
			return nil, fmt.Errorf("subscribe: %w", err)
		}
		return out, nil
	case <-sctx.Done():
		stop()
		return nil, errors.New("subscribe: no acknowledgement within 10s")
	}
}

// decodeEvent reads a websocket result: an acknowledgement (no query) or an
// event, with its height and whether its events may change the node list.
func decodeEvent(raw json.RawMessage) (Notice, bool, error) {
	var ev struct {
		Query  string              `json:"query"`
		Events map[string][]string `json:"events"`
		Data   struct {
			Value struct {
				Height   string `json:"height"`
				TxResult struct {
					Height string `json:"height"`
				} `json:"TxResult"`
			} `json:"value"`
		} `json:"data"`
	}
	if err := json.Unmarshal(raw, &ev); err != nil {
		return Notice{}, false, err
	}
	if ev.Query == "" {
		return Notice{}, false, nil
	}
	h := ev.Data.Value.Height
	if h == "" {
		h = ev.Data.Value.TxResult.Height
	}
	height, _ := strconv.ParseInt(h, 10, 64)
	return Notice{Height: height, Relevant: Relevant(ev.Events)}, true, nil
}

// eventPrefix starts the type of every x/nodeselection event.
const eventPrefix = "xmtp.nodeselection.v1."

// quiet are x/nodeselection events that never change a node's listed
// fields; every other event of the module (and any future one) triggers a read.
var quiet = map[string]bool{
	"EventAttestationSubmitted": true, "EventPerformanceSettled": true, "EventOperatorStaked": true,
	"EventSignerNominated": true, "EventSignerAccepted": true, "EventViolationRecorded": true,
	"EventViolationExcused": true, "EventPenaltyWindowEnded": true, "EventUnbondingPaybackFailed": true,
}

// Relevant reports whether CometBFT's flattened events (type.attribute →
// values) hold an x/nodeselection event that may change the node list.
func Relevant(events map[string][]string) bool {
	for key := range events {
		rest, ok := strings.CutPrefix(key, eventPrefix)
		if !ok {
			continue
		}
		typ, _, _ := strings.Cut(rest, ".")
		if !quiet[typ] {
			return true
		}
	}
	return false
}

// Dial connects to a node (gRPC address host:9090, CometBFT RPC
// tcp://host:26657), starts a Registry and waits until the list has been read
// once or ctx ends. Stop closes the connection too.
func Dial(ctx context.Context, grpcAddr, rpcAddr string, opt Options) (*Registry, error) {
	// A node that restarts is redialled within seconds (gRPC's default backoff grows to 2 minutes).
	reconnect := grpc.ConnectParams{Backoff: grpcbackoff.Config{BaseDelay: 500 * time.Millisecond, Multiplier: 1.6, Jitter: 0.2,
		MaxDelay: 5 * time.Second}, MinConnectTimeout: 5 * time.Second}
	conn, err := grpc.NewClient(grpcAddr, grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithConnectParams(reconnect),
		grpc.WithDefaultCallOptions(grpc.ForceCodec(gogoCodec{})))
	if err != nil {
		return nil, fmt.Errorf("grpc %s: %w", grpcAddr, err)
	}
	r := New(&ChainSource{Query: nstypes.NewQueryClient(conn), RPC: rpcAddr}, opt)
	r.closers = append(r.closers, conn.Close)
	r.Start()
	select {
	case <-r.Ready():
		return r, nil
	case <-ctx.Done():
		r.Stop()
		return nil, fmt.Errorf("registry: no node list from %s within the deadline: %w", grpcAddr, ctx.Err())
	}
}

// gogoCodec (un)marshals the chain's gogoproto messages for gRPC.
type gogoCodec struct{}

type gogoMessage interface {
	Marshal() ([]byte, error)
	Unmarshal([]byte) error
}

func (gogoCodec) Marshal(v any) ([]byte, error) {
	m, ok := v.(gogoMessage)
	if !ok {
		return nil, fmt.Errorf("registry codec: %T is not a gogoproto message", v)
	}
	return m.Marshal()
}

func (gogoCodec) Unmarshal(b []byte, v any) error {
	m, ok := v.(gogoMessage)
	if !ok {
		return fmt.Errorf("registry codec: %T is not a gogoproto message", v)
	}
	return m.Unmarshal(b)
}

func (gogoCodec) Name() string { return "proto" }
