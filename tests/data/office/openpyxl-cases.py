"""Workbooks for what LibreOffice's CSV import cannot make: number formats,
merged ranges, several sheets (one hidden), formulas without stored values.
Run by make.sh: python3 openpyxl-cases.py OUTDIR"""
import datetime
import sys

from openpyxl import Workbook

out = sys.argv[1]

# One indicator a row whose cells carry Excel number formats.
wb = Workbook()
ws = wb.active
ws.title = "自评"
ws.append(["项目名称：格式测试"])
ws.append(["一级指标", "二级指标", "三级指标", "指标值", "分值", "实际完成值", "备注"])
rows = [
    ("产出指标", "数量指标", "完成率", "≥95%", 50, 0.98, "0%", "截至2024-06-30"),
    ("产出指标", "质量指标", "合格率", "≥90%", 20, 0.925, "0.0%", None),
    ("效益指标", "经济效益", "节约资金", "≥1000", 20, 1250, "#,##0.00", None),
    ("满意度指标", "服务对象满意度", "满意度", "≥90", 10, 93, "General", None),
]
for l1, l2, l3, target, w, actual, fmt, remark in rows:
    ws.append([l1, l2, l3, target, w, actual, remark])
    ws.cell(row=ws.max_row, column=6).number_format = fmt
# a date, and a number stored as text: shown as they are written
ws["G4"] = datetime.date(2024, 6, 30)
ws["G4"].number_format = "yyyy-mm-dd"
ws["G5"] = "00123"
ws["G5"].number_format = "@"
ws["G6"] = 1234.5
ws["G6"].number_format = '0.00"万元"'
wb.save(f"{out}/formats.xlsx")

# A form with merged ranges: the block labels span their rows.
wb = Workbook()
ws = wb.active
ws.title = "表1"
ws.append(["项目支出绩效自评表（2024年度）"])
ws.merge_cells("A1:F1")
ws.append(["项目名称", "道路养护"])
ws.merge_cells("B2:F2")
ws.append(["主管部门", "某区交通局", "实施单位", "某区公路所"])
ws.append(["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"])
ws.append([None, "产出指标", "数量指标", "养护里程", "≥100公里", "100公里"])
ws.append([None, None, "质量指标", "合格率", "≥95%", "96%"])
ws.append([None, "效益指标", "社会效益指标", "通行条件", "明显改善", "明显改善"])
ws.append([None, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "91%"])
ws.merge_cells("A4:A8")
ws.merge_cells("B5:B6")
wb.save(f"{out}/merged.xlsx")

# Several sheets, one hidden: each visible one a table of its own.
wb = Workbook()
a = wb.active
a.title = "项目一"
a.append(["项目名称：项目一"])
a.append(["一级指标", "二级指标", "三级指标", "指标值", "实际完成值"])
a.append(["产出指标", "数量指标", "甲", "≥10个", "10个"])
b = wb.create_sheet("项目二")
b.append(["项目名称：项目二"])
b.append(["一级指标", "二级指标", "三级指标", "指标值", "实际完成值"])
b.append(["产出指标", "数量指标", "乙", "≥20个", "10个"])
h = wb.create_sheet("草稿")
h.append(["项目名称：草稿"])
h.append(["一级指标", "二级指标", "三级指标", "指标值"])
h.append(["产出指标", "数量指标", "丙", "≥1个"])
h.sheet_state = "hidden"
wb.save(f"{out}/sheets.xlsx")

# Formulas: openpyxl stores none of their values; a division by zero.
wb = Workbook()
ws = wb.active
ws.title = "公式"
ws.append(["项目名称：公式测试"])
ws.append(["一级指标", "二级指标", "三级指标", "指标值", "分值", "实际完成值"])
ws.append(["产出指标", "数量指标", "甲", "≥10", "=30+20", 12])
ws.append(["效益指标", "社会效益", "乙", "≥90%", 50, "=1/0"])
wb.save(f"{out}/formulas.xlsx")
