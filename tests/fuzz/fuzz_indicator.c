/* libFuzzer target: the 绩效指标 cell grammar ("1、产出指标,数量指标,…；年度指标值:…；"). */
#include "read/indicator.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *cell = g_strndup((const char *)data, size);
  if (g_utf8_validate(cell, -1, NULL)) {
    JxModel *m = jx_model_new();
    JxLoc loc = {jx_model_intern(m, "fuzz.csv"), 3, 7};
    JxDepartment *d = jx_model_department(m, "部门", loc);
    JxProject *p = jx_project_add(d, "项目", loc);
    JxDiag *diag = jx_diag_new("fuzz.csv");
    jx_indicator_read_cell(cell, p, loc, diag);
    char *label = NULL;
    JxDecimal weight;
    bool has = false;
    jx_indicator_split_label(cell, &label, &weight, &has);
    g_free(label);
    jx_diag_free(diag);
    jx_model_free(m);
  }
  g_free(cell);
  return 0;
}
