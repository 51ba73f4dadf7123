publisherFormat = 'arrays'
publisherPort = '25557'
evaluate(new File(repoRoot, 'it/probe-publisher/start.groovy'))
