# Writes COPIES copies of a published target table, each one a department of
# its own (部门名称：… plus a number), as one CSV: a department's bundle grown
# to benchmark size.  Usage: awk -v COPIES=N -f bigtable.awk table.csv
BEGIN { RS = "\r?\n"; n = 0 }
{ sub(/^\xef\xbb\xbf/, ""); line[n++] = $0 }
END {
  for (c = 1; c <= COPIES; c++)
    for (i = 0; i < n; i++) {
      l = line[i]
      if (l ~ /^部门名称：/) {
        sub(/,*$/, "", l)
        l = l "（" c "）,,,,,,"
      }
      if (l ~ /^广州市海珠区政务服务数据管理局,/)
        sub(/^广州市海珠区政务服务数据管理局/, "广州市海珠区政务服务数据管理局（本级）（" c "）", l)
      printf "%s\r\n", l
    }
}
