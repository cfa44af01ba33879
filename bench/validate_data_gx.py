#!/usr/bin/env python3
"""Great Expectations (pandas) checking a CSV file against the data validation benchmark's suite.

Usage: validate_data_gx.py DATA.csv SCHEMA.yaml [--out RESULT.json]

Reads DATA.csv with pandas (default parsing: empty cell = missing) and builds one expectation
per constraint of the mlcd schema SCHEMA.yaml, so both tools check the same suite:

  rows {min, max}        -> expect_table_row_count_to_be_between
  completeness c         -> expect_column_values_to_not_be_null (mostly=c)
  domain [...]           -> expect_column_values_to_be_in_set
  range {min, max}       -> expect_column_values_to_be_between
  pattern RE             -> expect_column_values_to_match_regex
  unique: true           -> expect_column_values_to_be_unique
  mean {min, max}        -> expect_column_mean_to_be_between

then validates the data frame in an ephemeral context and prints one JSON object:
  {"great_expectations_version", "pandas_version", "rows", "success", "expectations",
   "failed": [{"expectation", "column", "unexpected_count"}], "seconds": {"read", "validate"}}
"""

import argparse
import json
import sys
import time

import great_expectations as gx
import great_expectations.expectations as gxe
import pandas as pd
from ruamel.yaml import YAML


def expectations(schema):
    """The expectations equivalent to the schema's constraints, in schema order."""
    result = []
    rows = schema.get("rows")
    if rows:
        result.append(gxe.ExpectTableRowCountToBeBetween(min_value=rows.get("min"), max_value=rows.get("max")))
    for column, spec in schema["columns"].items():
        if "completeness" in spec:
            result.append(gxe.ExpectColumnValuesToNotBeNull(column=column, mostly=float(spec["completeness"])))
        if "domain" in spec:
            result.append(gxe.ExpectColumnValuesToBeInSet(column=column, value_set=list(spec["domain"])))
        if "range" in spec:
            result.append(gxe.ExpectColumnValuesToBeBetween(column=column, min_value=spec["range"].get("min"),
                                                            max_value=spec["range"].get("max")))
        if "pattern" in spec:
            result.append(gxe.ExpectColumnValuesToMatchRegex(column=column, regex=spec["pattern"]))
        if spec.get("unique"):
            result.append(gxe.ExpectColumnValuesToBeUnique(column=column))
        if "mean" in spec:
            result.append(gxe.ExpectColumnMeanToBeBetween(column=column, min_value=spec["mean"].get("min"),
                                                          max_value=spec["mean"].get("max")))
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data")
    parser.add_argument("schema")
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    with open(args.schema, encoding="utf-8") as handle:
        schema = YAML(typ="safe").load(handle)

    started = time.perf_counter()
    frame = pd.read_csv(args.data)
    read = time.perf_counter() - started

    started = time.perf_counter()
    context = gx.get_context(mode="ephemeral")
    batch = (context.data_sources.add_pandas("bench").add_dataframe_asset("data")
             .add_batch_definition_whole_dataframe("whole"))
    suite = context.suites.add(gx.ExpectationSuite(name="bench"))
    for expectation in expectations(schema):
        suite.add_expectation(expectation)
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name="bench", data=batch, suite=suite))
    outcome = definition.run(batch_parameters={"dataframe": frame})
    validate = time.perf_counter() - started

    failed = []
    for result in outcome.results:
        if not result.success:
            config = result.expectation_config
            failed.append({"expectation": config.type, "column": config.kwargs.get("column"),
                           "unexpected_count": (result.result or {}).get("unexpected_count")})
    report = {"great_expectations_version": gx.__version__, "pandas_version": pd.__version__,
              "rows": len(frame), "success": bool(outcome.success), "expectations": len(outcome.results),
              "failed": failed, "seconds": {"read": round(read, 3), "validate": round(validate, 3)}}
    text = json.dumps(report, indent=2)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
