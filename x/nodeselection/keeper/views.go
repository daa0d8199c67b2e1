package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/codec"
)

// The state groups keep their collections unexported: a group's write
// methods are the only way its state changes (state_access_test.go checks
// that no other file touches them). Everyone else reads through the views
// below, which expose the collections' read methods only.

// MapView reads a map of a state group.
type MapView[K, V any] struct{ m collections.Map[K, V] }

// Get returns the value of key; wraps collections.ErrNotFound when absent.
func (v MapView[K, V]) Get(ctx context.Context, key K) (V, error) { return v.m.Get(ctx, key) }

// Has reports whether key is present.
func (v MapView[K, V]) Has(ctx context.Context, key K) (bool, error) { return v.m.Has(ctx, key) }

// Iterate iterates the entries in ranger (nil: all).
func (v MapView[K, V]) Iterate(ctx context.Context, ranger collections.Ranger[K]) (collections.Iterator[K, V], error) {
	return v.m.Iterate(ctx, ranger)
}

// Walk calls fn on the entries in ranger (nil: all) until it returns true or an error.
func (v MapView[K, V]) Walk(ctx context.Context, ranger collections.Ranger[K], fn func(key K, value V) (bool, error)) error {
	return v.m.Walk(ctx, ranger, fn)
}

// IterateRaw iterates raw key bytes (query.CollectionPaginate).
func (v MapView[K, V]) IterateRaw(ctx context.Context, start, end []byte, order collections.Order) (collections.Iterator[K, V], error) {
	return v.m.IterateRaw(ctx, start, end, order)
}

// KeyCodec is the map's key codec (query.CollectionPaginate).
func (v MapView[K, V]) KeyCodec() codec.KeyCodec[K] { return v.m.KeyCodec() }

// IndexedMapView reads an indexed map of a state group and its indexes.
type IndexedMapView[K, V any, I collections.Indexes[K, V]] struct {
	m *collections.IndexedMap[K, V, I]
	// Indexes are the map's secondary indexes (read them with MatchExact,
	// Iterate, Walk; the map alone writes them).
	Indexes I
}

func newIndexedMapView[K, V any, I collections.Indexes[K, V]](m *collections.IndexedMap[K, V, I]) IndexedMapView[K, V, I] {
	return IndexedMapView[K, V, I]{m: m, Indexes: m.Indexes}
}

// Get returns the value of key; wraps collections.ErrNotFound when absent.
func (v IndexedMapView[K, V, I]) Get(ctx context.Context, key K) (V, error) { return v.m.Get(ctx, key) }

// Has reports whether key is present.
func (v IndexedMapView[K, V, I]) Has(ctx context.Context, key K) (bool, error) {
	return v.m.Has(ctx, key)
}

// Iterate iterates the entries in ranger (nil: all).
func (v IndexedMapView[K, V, I]) Iterate(ctx context.Context, ranger collections.Ranger[K]) (collections.Iterator[K, V], error) {
	return v.m.Iterate(ctx, ranger)
}

// Walk calls fn on the entries in ranger (nil: all) until it returns true or an error.
func (v IndexedMapView[K, V, I]) Walk(ctx context.Context, ranger collections.Ranger[K], fn func(key K, value V) (bool, error)) error {
	return v.m.Walk(ctx, ranger, fn)
}

// IterateRaw iterates raw key bytes (query.CollectionPaginate).
func (v IndexedMapView[K, V, I]) IterateRaw(ctx context.Context, start, end []byte, order collections.Order) (collections.Iterator[K, V], error) {
	return v.m.IterateRaw(ctx, start, end, order)
}

// KeyCodec is the map's key codec (query.CollectionPaginate).
func (v IndexedMapView[K, V, I]) KeyCodec() codec.KeyCodec[K] { return v.m.KeyCodec() }

// ItemView reads an item of a state group.
type ItemView[V any] struct{ i collections.Item[V] }

// Get returns the value; wraps collections.ErrNotFound when absent.
func (v ItemView[V]) Get(ctx context.Context) (V, error) { return v.i.Get(ctx) }

// Has reports whether the value is present.
func (v ItemView[V]) Has(ctx context.Context) (bool, error) { return v.i.Has(ctx) }

// KeySetView reads a key set of a state group.
type KeySetView[K any] struct{ s collections.KeySet[K] }

// Has reports whether key is present.
func (v KeySetView[K]) Has(ctx context.Context, key K) (bool, error) { return v.s.Has(ctx, key) }

// Iterate iterates the keys in ranger (nil: all).
func (v KeySetView[K]) Iterate(ctx context.Context, ranger collections.Ranger[K]) (collections.KeySetIterator[K], error) {
	return v.s.Iterate(ctx, ranger)
}

// Walk calls fn on the keys in ranger (nil: all) until it returns true or an error.
func (v KeySetView[K]) Walk(ctx context.Context, ranger collections.Ranger[K], fn func(key K) (bool, error)) error {
	return v.s.Walk(ctx, ranger, fn)
}

// SequenceView reads a sequence of a state group.
type SequenceView struct{ s collections.Sequence }

// Peek returns the next value without using it.
func (v SequenceView) Peek(ctx context.Context) (uint64, error) { return v.s.Peek(ctx) }
