// PMO Assistant: fastSingleValue returns exactly what upstream's decoding returns, or declines.
// Run by tools/ferretdb/build.sh --test, inside the patched copy of the module.

package sjson

import (
	"encoding/hex"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/FerretDB/FerretDB/internal/types"
)

// upstream decodes data the way unmarshalSingleValue did before fastSingleValue.
func upstream(data []byte, sch *elem) (any, error) {
	var res sjsontype
	var err error

	switch sch.Type {
	case elemTypeString:
		var v stringType
		err = v.UnmarshalJSON(data)
		res = &v
	case elemTypeObjectID:
		var v objectIDType
		err = v.UnmarshalJSON(data)
		res = &v
	case elemTypeInt:
		var v int32Type
		err = v.UnmarshalJSON(data)
		res = &v
	case elemTypeLong:
		var v int64Type
		err = v.UnmarshalJSON(data)
		res = &v
	case elemTypeDate:
		var v dateTimeType
		err = v.UnmarshalJSON(data)
		res = &v
	case elemTypeBool:
		var v boolType
		err = v.UnmarshalJSON(data)
		res = &v
	default:
		return nil, fmt.Errorf("no upstream for %s", sch.Type)
	}

	if err != nil {
		return nil, err
	}

	return fromSJSON(res), nil
}

func TestFastSingleValueAgreesWithUpstream(t *testing.T) {
	inputs := map[elemType][]string{
		elemTypeString: {
			`""`, `"R-1"`, `"Vendor API may slip"`, `"é ü 漢字 😀"`, `"a\"b"`, `"a\\b"`, `"\u003c&\u003e"`, `"tab\there"`,
			`"line\nbreak"`, "\"raw\x01control\"", "\"bad\xffutf8\"", `"unterminated`, `noquotes`, `"a"b"`, `" spaced "`, `"\u2028"`,
		},
		elemTypeObjectID: {
			`"6b16b62523f186cf3a8fb93e"`, `"6B16B62523F186CF3A8FB93E"`, `"6b16b62523f186cf3a8fb93"`, `"6b16b62523f186cf3a8fb93e00"`,
			`"zz16b62523f186cf3a8fb93e"`, `"6b16b62523f186cf3a8fb\u0039e"`, `6b16b62523f186cf3a8fb93e`,
		},
		elemTypeInt: {
			`0`, `1`, `-1`, `42`, `2147483647`, `-2147483648`, `2147483648`, `-2147483649`, `01`, `-0`, `+1`, `1.0`, `1e3`, `-`, ``, `" 1"`, `1 `,
		},
		elemTypeLong: {
			`0`, `-1`, `9223372036854775807`, `-9223372036854775808`, `9223372036854775808`, `007`, `1.5`, `1E2`, `true`,
		},
		elemTypeDate: {
			`0`, `1764000000000`, `-62135596800000`, `253402300799999`, `1.5`, `01`, `"2026-01-01"`,
		},
		elemTypeBool: {`true`, `false`, `True`, `1`, `"true"`, `tru`},
	}

	for typ, list := range inputs {
		for _, in := range list {
			sch := &elem{Type: typ}
			got, ok := fastSingleValue([]byte(in), sch)
			want, err := upstream([]byte(in), sch)

			if !ok {
				continue // declined: upstream's way decides, errors included
			}

			if err != nil {
				t.Errorf("%s %q: fast path gave %#v where upstream fails: %v", typ, in, got, err)
				continue
			}

			if !reflect.DeepEqual(got, want) || fmt.Sprintf("%T", got) != fmt.Sprintf("%T", want) {
				t.Errorf("%s %q: fast path %#v (%T), upstream %#v (%T)", typ, in, got, got, want, want)
			}
		}
	}

	// Not vacuous: the plain forms do take the fast path.
	for typ, in := range map[elemType]string{elemTypeString: `"R-1"`, elemTypeObjectID: `"6b16b62523f186cf3a8fb93e"`, elemTypeInt: `42`, elemTypeLong: `-1`, elemTypeDate: `1764000000000`, elemTypeBool: `true`} {
		if _, ok := fastSingleValue([]byte(in), &elem{Type: typ}); !ok {
			t.Errorf("%s %q: not decoded by the fast path", typ, in)
		}
	}
}

func TestADocumentAsTheBotStoresOne(t *testing.T) {
	raw := `{"$s":{"$k":["_id","key","seq","score","closedAt","open","createdAt","title"],"p":{"_id":{"t":"objectId"},"key":{"t":"string"},` +
		`"seq":{"t":"int"},"score":{"t":"long"},"closedAt":{"t":"null"},"open":{"t":"bool"},"createdAt":{"t":"date"},"title":{"t":"string"}}},` +
		`"_id":"6b16b62523f186cf3a8fb93e","key":"R-1","seq":7,"score":20,"closedAt":null,"open":true,"createdAt":1764000000000,"title":"Vendor \u003cAPI\u003e may slip"}`

	doc, err := Unmarshal([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}

	id, _ := hex.DecodeString("6b16b62523f186cf3a8fb93e")
	want := map[string]any{
		"_id": types.ObjectID(id), "key": "R-1", "seq": int32(7), "score": int64(20), "closedAt": types.Null,
		"open": true, "createdAt": time.UnixMilli(1764000000000), "title": "Vendor <API> may slip",
	}

	if !reflect.DeepEqual(doc.Keys(), []string{"_id", "key", "seq", "score", "closedAt", "open", "createdAt", "title"}) {
		t.Errorf("keys %v", doc.Keys())
	}

	for key, w := range want {
		got, err := doc.Get(key)
		if err != nil || !reflect.DeepEqual(got, w) {
			t.Errorf("%s: %#v (%T), want %#v (%T) (%v)", key, got, got, w, w, err)
		}
	}
}
