# Writes the untrusted input of tests/cli/untrusted.sh and pdfa.sh to
# argv[1]: department and project names like ../../x, with <, &, " and ',
# control and bidi characters, printf directives, names of 5,000 characters.
import sys
def dept(name, projects):
    out = "部门名称：" + name + "\n项目名称,总计,财政拨款,财政专户拨款,其他资金,绩效目标,绩效指标\n"
    for p in projects:
        q = p.replace('"', '""')
        out += f'"{q}",1.00,1.00,,,"目标<b>&amp;%s%n",' + '"1、产出指标,数量指标,甲指标%x<i>；年度指标值:1个；"\n'
    return out
text = dept("../../逃逸", ["<b>粗</b>&\"引号'", "控制\x01字符\x7f"])
text += dept("[测试]局", ["\u202e反向覆盖\u202c项目", "长" * 5000])
text += dept("%s%n%x局", ["格式%s%n项目"])
text += dept("\u202e局部门", ["甲"])
text += dept("名" * 5000, ["乙"])
open(sys.argv[1], "w", encoding="utf-8").write(text)
