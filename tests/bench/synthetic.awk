# Writes a synthetic input with a fixed seed: DEPTS departments of PROJECTS
# projects, each with 10 to 30 indicators, as one table of one indicator a
# row (部门, 项目名称, funds, goal, categories, target) and one of actuals for
# the year and for June; with SPLIT=1 the two tables of each department in
# files of its own (OUT/<部门>-targets.csv, OUT/<部门>-actuals.csv), as the
# units of a province send them.  Usage:
#   awk -v DEPTS=1000 -v PROJECTS=10 -v OUT=dir [-v SPLIT=1] -f synthetic.awk /dev/null
function open_tables(prefix) {
  targets = OUT "/" prefix "targets.csv"
  actuals = OUT "/" prefix "actuals.csv"
  print "部门,项目名称,总计,财政拨款,绩效目标,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,分值" >targets
  print "部门,项目名称,三级指标,期间,实际完成值,偏差原因" >actuals
}
BEGIN {
  srand(20241231)
  if (!SPLIT)
    open_tables("")
  split("产出指标 产出指标 产出指标 效益指标 效益指标 满意度指标", l1, " ")
  split("数量指标 质量指标 时效指标 社会效益 可持续影响 服务对象满意度", l2, " ")
  split("服务人次 培训场次 建设项目 巡查次数 办件量 系统访问量", counts, " ")
  split("完成率 合格率 覆盖率 及时率 满意度 知晓率", rates, " ")
  for (d = 1; d <= DEPTS; d++) {
    dept = sprintf("第%d区第%d局", int((d - 1) / 40) + 1, d)
    if (SPLIT) {
      if (d > 1) {
        close(targets)
        close(actuals)
      }
      open_tables(dept "-")
    }
    for (p = 1; p <= PROJECTS; p++) {
      project = sprintf("%s专项经费%d", dept, p)
      money = sprintf("%.2f", 10 + int(rand() * 99000) / 100)
      n = 10 + int(rand() * 21)
      for (i = 1; i <= n; i++) {
        k = 1 + int(rand() * 6)
        if (k <= 3) {
          name = sprintf("%s%d", counts[1 + int(rand() * 6)], i)
          target = 100 * (1 + int(rand() * 200))
          unit = "人次"
          cmp = "≥"
          actual = int(target * (0.7 + rand() * 0.5))
          half = int(actual * (0.3 + rand() * 0.3))
        } else {
          name = sprintf("%s%d", rates[1 + int(rand() * 6)], i)
          target = 80 + int(rand() * 20)
          unit = "%"
          cmp = "≥"
          actual = sprintf("%.1f", target * (0.9 + rand() * 0.15))
          half = sprintf("%.1f", actual * (0.95 + rand() * 0.05))
        }
        goal = (i == 1) ? "保障" project "顺利实施，提升公共服务水平和群众满意度。" : ""
        printf "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,\n", dept, project, (i == 1 ? money : ""), (i == 1 ? money : ""), goal, l1[k], l2[k], name, cmp, target, unit >targets
        printf "%s,%s,%s,2024,%s%s,%s\n", dept, project, name, actual, (unit == "%" ? "%" : ""), (rand() < 0.1 ? "其他：进度受审批影响" : "") >actuals
        printf "%s,%s,%s,2024-06,%s%s,\n", dept, project, name, half, (unit == "%" ? "%" : "") >actuals
      }
    }
  }
}
