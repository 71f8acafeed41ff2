package dataset

import "testing"

func TestCountRows(t *testing.T) {
	tests := []struct {
		format, data string
		want         int
	}{
		{"csv", "a,b\n1,2\n3,4\n", 2},
		{"csv", "a,b\n\"x\ny\",2\n", 1},
		{"csv", "a,b\n", 0},
		{"csv", "a,\"b\n", -1},
		{"geojson", `{"type":"FeatureCollection","features":[{},{},{}]}`, 3},
		{"json", "[\n{},\n{}\n]\n", 2},
		{"json", `{"a":1}`, -1},
		{"txt", "x\ny\n", -1},
	}
	for _, tt := range tests {
		if got := CountRows(tt.format, []byte(tt.data)); got != tt.want {
			t.Errorf("CountRows(%s, %q) = %d, want %d", tt.format, tt.data, got, tt.want)
		}
	}
}

func TestFill(t *testing.T) {
	d := &Dataset{Name: "x", Format: "csv"}
	d.Fill([]byte("a\n1\n"))
	if d.Bytes != 4 || d.Rows != 1 || d.SHA256 != "309b0e45a73d3fc5325e2b6ed0a01ef8b9cde6b05a5633c1f893f970d52bfddc" || string(d.Data) != "a\n1\n" {
		t.Errorf("Fill: %+v", d)
	}
	if d.GroupName() != "x" {
		t.Errorf("GroupName = %q", d.GroupName())
	}
	d.Group = "g"
	if d.GroupName() != "g" {
		t.Errorf("GroupName = %q", d.GroupName())
	}
}
