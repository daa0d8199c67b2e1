// Package registry is a Go client of this chain's XMTP node registry
// (x/nodeselection's Query/Nodes, SPEC 14) that an XMTP node can embed in
// place of its contract-backed registry. Its methods are those of the XMTP
// node's registry interface — GetNodes, GetNode, OnNewNodes, OnChangedNode,
// Stop — plus OnRemovedNodes, OnChange and Snapshot; Node carries the node's
// id, secp256k1 signing key, HTTP address, canonical and valid-config flags,
// plus IsNext and the announced rotation.
//
// The list is read whole (every page at one height) when a block or
// transaction carries an x/nodeselection event that may change it, at once
// after every (re)connection of the event subscription, and every
// PollInterval as a fallback. See README.md for embedding.
package registry
