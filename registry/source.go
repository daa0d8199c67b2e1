package registry

import "context"

// Snapshot is the whole node list at one height of the chain.
type Snapshot struct {
	// Nodes are ordered by NodeID.
	Nodes []Node
	// Cycle is the cycle the IsCanonical flags describe (IsNext: Cycle+1).
	Cycle uint64
	// Height is the block height the list was read at (0: unknown).
	Height int64
}

// Notice is one thing the chain said on a subscription: a block was
// committed, or a transaction ran.
type Notice struct {
	// Height of the block.
	Height int64
	// Relevant: the block or transaction carries an event that may change
	// the node list (a node event, a cycle start, a status change…).
	Relevant bool
}

// Source is where a Registry reads the chain. ChainSource is the real one
// (gRPC queries and CometBFT events); tests use fakes.
type Source interface {
	// Nodes reads the whole list.
	Nodes(ctx context.Context) (Snapshot, error)
	// Subscribe follows the chain's blocks and transactions. It returns once
	// the subscription is in place; the channel is closed when it ends (ctx
	// done, connection lost). It sends at least one Notice per block.
	Subscribe(ctx context.Context) (<-chan Notice, error)
}
