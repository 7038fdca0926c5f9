package fr.lexom.contracts.contract;

/** No contract with that number: a 404 for the API. */
public class ContractNotFoundException extends RuntimeException {

    public ContractNotFoundException(String number) {
        super("Contrat inconnu : " + number);
    }
}
