def log = new File(basedir, 'build.log').text
assert log.contains('Validated 2 documents in 1 files: 0 errors, 0 warnings')
def reports = new File(basedir, 'target/aibrix-chart-reports')
['TEST-aibrix-chart.xml', 'validation.json', 'validation.sarif'].each { assert new File(reports, it).isFile() : it }
def json = new groovy.json.JsonSlurper().parse(new File(reports, 'validation.json'))
assert json.summary.errors == 0 && json.summary.documents == 2
return true
