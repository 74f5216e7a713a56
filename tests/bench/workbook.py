"""A workbook of ROWS indicator rows (one indicator a row, ten to a
project), written by openpyxl in write-only mode: the bench's large .xlsx.
Usage: python3 workbook.py ROWS OUT.xlsx"""
import sys

from openpyxl import Workbook

rows, out = int(sys.argv[1]), sys.argv[2]
wb = Workbook(write_only=True)
ws = wb.create_sheet("指标")
ws.append(["项目名称", "一级指标", "二级指标", "三级指标", "指标值", "计量单位", "分值", "实际完成值"])
for i in range(1, rows + 1):
    ws.append([f"项目{i // 10}", "产出指标", "数量指标", f"指标{i}", f"≥{i}", "个", 10, i + 1])
wb.save(out)
