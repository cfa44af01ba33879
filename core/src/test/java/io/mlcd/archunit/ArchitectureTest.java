package io.mlcd.archunit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.Configuration.consideringOnlyDependenciesInDiagram;
import static com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.adhereToPlantUmlDiagram;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchUnitRunner;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.runner.RunWith;

/**
 * Keeps the engine an engine: core must run without Jenkins and without the CLI, so that the
 * plugin and the command line share one tested implementation. Packages follow design.puml.
 */
@RunWith(ArchUnitRunner.class)
@AnalyzeClasses(packages = "io.mlcd", importOptions = {ImportOption.DoNotIncludeTests.class,
        ArchitectureTest.NotTheTestkit.class})
public class ArchitectureTest {
    /** The testkit's fixtures share the io.mlcd prefix and the test class path, but they are not the engine. */
    public static final class NotTheTestkit implements ImportOption {
        @Override
        public boolean includes(final Location location) {
            return !location.contains("/io/mlcd/testkit/");
        }
    }

    @ArchTest
    public static final ArchRule NO_JENKINS_OR_CLI = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..",
                    "org.kohsuke..", "com.cloudbees..", "picocli..", "io.mlcd.cli..", "io.jenkins..")
            .because("core is the engine shared by the CLI and the Jenkins plugin");

    @ArchTest
    public static final ArchRule NO_SPARK = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..", "io.mlcd.spark..")
            .because("core runs in one JVM; mlcd-spark brings it to Spark, and a cluster brings Spark and Scala");

    @ArchTest
    public static final ArchRule NO_TEST_LIBRARIES = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "junit..", "org.assertj..")
            .because("test libraries are not shipped with the engine");

    @ArchTest
    public static final ArchRule NO_OTHER_NULLABLE = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("javax.annotation..", "jakarta.annotation..",
                    "org.jetbrains.annotations..")
            .because("null policy uses edu.umd.cs.findbugs.annotations, as Jenkins plugins do");

    @ArchTest
    public static final ArchRule NO_PRINTING = noClasses()
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("the engine reports through results and Progress; callers decide where text goes");

    @ArchTest
    public static final ArchRule PACKAGES_FOLLOW_DESIGN = classes()
            .should(adhereToPlantUmlDiagram(ArchitectureTest.class.getResource("/design.puml"),
                    consideringOnlyDependenciesInDiagram()));
}
