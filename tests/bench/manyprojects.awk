# Writes the sample's published table with its projects repeated COPIES
# times (names numbered) in one department: a report of many pages.
# Usage: awk -v COPIES=N -f manyprojects.awk table.csv
BEGIN { RS = "\r?\n"; n = 0 }
{ sub(/^\xef\xbb\xbf/, ""); line[n++] = $0 }
END {
  # the preamble and the first header: up to and with the first 项目名称 row
  for (i = 0; i < n; i++) {
    print line[i]
    if (line[i] ~ /^项目名称/) break
  }
  start = i + 1
  for (c = 1; c <= COPIES; c++)
    for (i = start; i < n; i++) {
      l = line[i]
      if (l ~ /^合计,/ || l ~ /^广州市海珠区政务服务数据管理局,/ || l ~ /^项目名称/ || l ~ /^(项目支出|部门名称|单位)/ || l == "") continue
      if (l !~ /^,/) sub(/,/, "（" c "）,", l)
      print l
    }
}
