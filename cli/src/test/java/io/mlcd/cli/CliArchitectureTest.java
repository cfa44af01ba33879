package io.mlcd.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchUnitRunner;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.runner.RunWith;

/** The command line is a thin front end: it must not reach into Jenkins. */
@RunWith(ArchUnitRunner.class)
@AnalyzeClasses(packages = "io.mlcd.cli", importOptions = ImportOption.DoNotIncludeTests.class)
public class CliArchitectureTest {
    @ArchTest
    public static final ArchRule NO_JENKINS = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..",
                    "org.kohsuke..", "io.jenkins..")
            .because("the CLI runs where there is no Jenkins");
}
