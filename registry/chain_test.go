package registry

import (
	"context"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

func TestFromChain(t *testing.T) {
	key, pending := testKey(t).PubKey(), testKey(t).PubKey()
	good := nstypes.Node{NodeId: 200, Owner: "xmtp1o", Moniker: "m", SigningPublicKey: key.SerializeCompressed(),
		PendingSigningPublicKey: pending.SerializeCompressed(), EffectiveCycle: 9, HttpAddress: "https://a:1",
		IsCanonical: true, IsNext: true, IsValidConfig: true, Status: nstypes.OPERATOR_STATUS_ACTIVE}
	n := FromChain(good)
	require.True(t, n.SigningKey.Equal(key.ToECDSA()))
	require.True(t, n.PendingSigningKey.Equal(pending.ToECDSA()))
	require.Equal(t, key.SerializeCompressed(), CompressKey(n.SigningKey))
	require.Equal(t, Node{NodeID: 200, SigningKey: n.SigningKey, HTTPAddress: "https://a:1", IsCanonical: true, IsValidConfig: true,
		IsNext: true, Owner: "xmtp1o", Moniker: "m", PendingSigningKey: n.PendingSigningKey, EffectiveCycle: 9,
		Status: "OPERATOR_STATUS_ACTIVE"}, n)

	// A key that does not parse (here: uncompressed, 65 bytes) never passes as valid.
	bad := good
	bad.SigningPublicKey = key.SerializeUncompressed()
	n = FromChain(bad)
	require.Nil(t, n.SigningKey)
	require.False(t, n.IsValidConfig)
	// No key at all: nil, and the chain's verdict stands only if it also says invalid.
	none := good
	none.SigningPublicKey, none.PendingSigningPublicKey, none.IsValidConfig = nil, nil, false
	n = FromChain(none)
	require.Nil(t, n.SigningKey)
	require.Nil(t, n.PendingSigningKey)
	require.Zero(t, n.EffectiveCycle)
}

func TestNodeJSONRoundTrip(t *testing.T) {
	n := node(t, 100, true)
	n.Owner, n.Moniker, n.IsNext = "xmtp1o", "alpha", true
	n.PendingSigningKey, n.EffectiveCycle = testKey(t).PubKey().ToECDSA(), 12
	b, err := json.Marshal(n)
	require.NoError(t, err)
	var fields map[string]any
	require.NoError(t, json.Unmarshal(b, &fields))
	for _, f := range []string{"node_id", "owner", "moniker", "signing_public_key", "pending_signing_public_key", "effective_cycle",
		"http_address", "is_canonical", "is_next", "is_valid_config", "status"} {
		require.Contains(t, fields, f)
	}
	require.Len(t, fields["signing_public_key"], 66, "33 bytes as hex")
	var back Node
	require.NoError(t, json.Unmarshal(b, &back))
	require.True(t, back.Equal(n))

	// A key that is not a key is refused, naming the field.
	fields["signing_public_key"] = "02abcd"
	b, _ = json.Marshal(fields)
	require.ErrorContains(t, json.Unmarshal(b, &back), "signing_public_key")
}

func TestRelevant(t *testing.T) {
	for ev, want := range map[string]bool{
		"xmtp.nodeselection.v1.EventNodeKeyChanged.node_id":       true,
		"xmtp.nodeselection.v1.EventNodeKeyAnnounced.node_id":     true,
		"xmtp.nodeselection.v1.EventNodeAddressChanged.node_id":   true,
		"xmtp.nodeselection.v1.EventNodeCanonicalChanged.node_id": true,
		"xmtp.nodeselection.v1.EventCycleStarted.cycle":           true,
		"xmtp.nodeselection.v1.EventOperatorJailed.owner":         true,
		"xmtp.nodeselection.v1.EventOperatorRegistered.owner":     true,
		"xmtp.nodeselection.v1.EventAttestationSubmitted.cycle":   false,
		"xmtp.nodeselection.v1.EventPerformanceSettled.cycle":     false,
		"xmtp.rewards.v1.EventPayout.owner":                       false,
		"message.module":                                          false,
	} {
		require.Equal(t, want, Relevant(map[string][]string{ev: {"1"}, "tm.event": {"Tx"}}), ev)
	}
}

func TestDecodeEvent(t *testing.T) {
	// An acknowledgement of a subscription.
	_, isEvent, err := decodeEvent(json.RawMessage(`{}`))
	require.NoError(t, err)
	require.False(t, isEvent)
	// A block's events, as CometBFT sends them.
	n, isEvent, err := decodeEvent(json.RawMessage(`{"query":"tm.event='NewBlockEvents'","data":{"type":"tendermint/event/NewBlockEvents",
		"value":{"height":"42","events":[],"num_txs":"0"}},"events":{"tm.event":["NewBlockEvents"],
		"xmtp.nodeselection.v1.EventCycleStarted.cycle":["\"5\""]}}`))
	require.NoError(t, err)
	require.True(t, isEvent)
	require.Equal(t, Notice{Height: 42, Relevant: true}, n)
	// A transaction without node events.
	n, isEvent, err = decodeEvent(json.RawMessage(`{"query":"tm.event='Tx'","data":{"type":"tendermint/event/Tx",
		"value":{"TxResult":{"height":"43","index":0}}},"events":{"tm.event":["Tx"],"transfer.amount":["1uxmtp"]}}`))
	require.NoError(t, err)
	require.True(t, isEvent)
	require.Equal(t, Notice{Height: 43}, n)
}

// pagedQuery answers Query/Nodes two nodes per page and records the height asked.
type pagedQuery struct {
	nstypes.QueryClient
	nodes   []nstypes.Node
	heights []string
}

func (q *pagedQuery) Nodes(ctx context.Context, req *nstypes.QueryNodesRequest, opts ...grpc.CallOption) (*nstypes.QueryNodesResponse, error) {
	md, _ := metadata.FromOutgoingContext(ctx)
	q.heights = append(q.heights, md.Get(heightHeader)...)
	for _, o := range opts {
		if h, ok := o.(grpc.HeaderCallOption); ok {
			*h.HeaderAddr = metadata.Pairs(heightHeader, "77")
		}
	}
	start := 0
	if len(req.Pagination.Key) > 0 {
		start, _ = strconv.Atoi(string(req.Pagination.Key))
	}
	end := min(start+2, len(q.nodes))
	res := &nstypes.QueryNodesResponse{Nodes: q.nodes[start:end], Cycle: 4, Pagination: &query.PageResponse{}}
	if end < len(q.nodes) {
		res.Pagination.NextKey = []byte(strconv.Itoa(end))
	}
	return res, nil
}

func TestChainSourceReadsEveryPageAtOneHeight(t *testing.T) {
	q := &pagedQuery{}
	for i := uint32(1); i <= 5; i++ {
		q.nodes = append(q.nodes, nstypes.Node{NodeId: 100 * i, SigningPublicKey: testKey(t).PubKey().SerializeCompressed()})
	}
	snap, err := (&ChainSource{Query: q}).Nodes(context.Background())
	require.NoError(t, err)
	require.Equal(t, []uint32{100, 200, 300, 400, 500}, ids(snap.Nodes))
	require.Equal(t, uint64(4), snap.Cycle)
	require.Equal(t, int64(77), snap.Height)
	require.Equal(t, []string{"77", "77"}, q.heights, "pages after the first are read at the first page's height")
}
