def log = new File(basedir, 'build.log').text
assert log.contains('Validated 1 documents in 1 files: 0 errors, 0 warnings')
assert new File(basedir, 'target/aibrix-chart-reports/validation.json').isFile()
return true
