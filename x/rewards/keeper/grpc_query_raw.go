package keeper

import (
	"context"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// Query/CycleRecords answers with the records' stored bytes. A stored record
// is the protobuf encoding of a CycleRecord, and a QueryCycleRecordsResponse
// is its records as field 1 followed by the page as field 2, so the answer is
// the stored values framed as field 1: nothing is decoded and encoded again.
// Decoding a record and encoding it again was the whole cost of the query
// (every math.Int parsed from text and printed back twice, for the size and
// for the bytes). Clients decode the same QueryCycleRecordsResponse; a test
// checks the bytes equal the codec's encoding of the decoded answer.

// QueryServiceDesc is the x/rewards Query service as the app registers it:
// the generated one with CycleRecords answered from the stored bytes.
func QueryServiceDesc() *grpc.ServiceDesc {
	desc := types.Query_serviceDesc
	desc.Methods = append([]grpc.MethodDesc(nil), desc.Methods...)
	for i, m := range desc.Methods {
		if m.MethodName == "CycleRecords" {
			desc.Methods[i].Handler = rawCycleRecordsHandler
		}
	}
	return &desc
}

func rawCycleRecordsHandler(srv any, ctx context.Context, dec func(any) error, interceptor grpc.UnaryServerInterceptor) (any, error) {
	in := new(types.QueryCycleRecordsRequest)
	if err := dec(in); err != nil {
		return nil, err
	}
	if interceptor == nil {
		return srv.(queryServer).k.cycleRecordsRaw(ctx, in)
	}
	info := &grpc.UnaryServerInfo{Server: srv, FullMethod: "/xmtp.rewards.v1.Query/CycleRecords"}
	return interceptor(ctx, in, info, func(ctx context.Context, req any) (any, error) {
		return srv.(queryServer).k.cycleRecordsRaw(ctx, req.(*types.QueryCycleRecordsRequest))
	})
}

// rawCycleRecordsResponse is a QueryCycleRecordsResponse whose records are
// still the stored bytes; it marshals to the same wire format.
type rawCycleRecordsResponse struct {
	records [][]byte
	page    *query.PageResponse
}

// Marshal frames every record as field 1 and the page as field 2.
func (r *rawCycleRecordsResponse) Marshal() ([]byte, error) {
	out := make([]byte, 0, r.Size())
	for _, rec := range r.records {
		out = protowire.AppendTag(out, 1, protowire.BytesType)
		out = protowire.AppendBytes(out, rec)
	}
	if r.page != nil {
		page, err := r.page.Marshal()
		if err != nil {
			return nil, err
		}
		out = protowire.AppendTag(out, 2, protowire.BytesType)
		out = protowire.AppendBytes(out, page)
	}
	return out, nil
}

// Size is the length of Marshal's output.
func (r *rawCycleRecordsResponse) Size() int {
	n := 0
	for _, rec := range r.records {
		n += protowire.SizeTag(1) + protowire.SizeBytes(len(rec))
	}
	if r.page != nil {
		n += protowire.SizeTag(2) + protowire.SizeBytes(r.page.Size())
	}
	return n
}

// Reset, String and ProtoMessage make it a gogoproto message for the codec.
func (r *rawCycleRecordsResponse) Reset()         { *r = rawCycleRecordsResponse{} }
func (r *rawCycleRecordsResponse) String() string { return "QueryCycleRecordsResponse (stored bytes)" }
func (*rawCycleRecordsResponse) ProtoMessage()    {}
